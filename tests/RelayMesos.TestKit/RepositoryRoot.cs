namespace RelayMesos.TestKit;

/// <summary>The checkout the tests were built from (the folder of RelayMesos.sln).</summary>
public static class RepositoryRoot
{
    public static string Path { get; } = Find();

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "RelayMesos.sln")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException("RelayMesos.sln not found above " + AppContext.BaseDirectory);
    }
}
