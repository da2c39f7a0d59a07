using System.Reflection;
using Xunit.Abstractions;

[assembly: TestCollectionOrderer("RelayMesos.EndToEnd.Tests.Scheduling.LongestFirstOrderer", "RelayMesos.EndToEnd.Tests")]

namespace RelayMesos.EndToEnd.Tests.Scheduling;

/// <summary>
/// Runs the test collections longest first (their <see cref="ExpectedDurationAttribute"/>), the rest by name. xunit runs
/// two collections at a time here; in its default order the two 2-minute failover classes came last, and one of the two
/// threads idled for the end of the run.
/// </summary>
public sealed class LongestFirstOrderer : ITestCollectionOrderer
{
    private const string ImplicitPrefix = "Test collection for ";

    public IEnumerable<ITestCollection> OrderTestCollections(IEnumerable<ITestCollection> testCollections) =>
        testCollections.OrderByDescending(ExpectedSeconds).ThenBy(c => c.DisplayName, StringComparer.Ordinal).ToList();

    private static int ExpectedSeconds(ITestCollection collection)
    {
        var type = collection.CollectionDefinition?.ToRuntimeType()
            ?? (collection.DisplayName.StartsWith(ImplicitPrefix, StringComparison.Ordinal)
                ? typeof(LongestFirstOrderer).Assembly.GetType(collection.DisplayName[ImplicitPrefix.Length..])
                : null);
        return type?.GetCustomAttribute<ExpectedDurationAttribute>()?.Seconds ?? 0;
    }
}
