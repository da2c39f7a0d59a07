namespace RelayMesos.Host.Tests;

/// <summary>The checkout the tests were built from: README, akka.hocon and config/ are checked as a user reads them.</summary>
public static class RepositoryFiles
{
    public static string Root { get; } = FindRoot();

    public static string PathOf(string relative) => Path.Combine(Root, relative);

    public static string Read(string relative) => File.ReadAllText(PathOf(relative));

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "RelayMesos.sln")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException("RelayMesos.sln not found above " + AppContext.BaseDirectory);
    }
}
