using RelayMesos.TestKit;

namespace RelayMesos.Host.Tests;

/// <summary>The checkout the tests were built from: README, akka.hocon and config/ are checked as a user reads them.</summary>
public static class RepositoryFiles
{
    public static string Root => RepositoryRoot.Path;

    public static string PathOf(string relative) => Path.Combine(Root, relative);

    public static string Read(string relative) => File.ReadAllText(PathOf(relative));
}
