namespace RelayMesos.EndToEnd.Tests.Web;

[CollectionDefinition(Name)]
public sealed class ObservedRunCollection : ICollectionFixture<ObservedRunFixture>
{
    public const string Name = "observed relay-mesos run";
}
