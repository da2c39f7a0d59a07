using RelayMesos.Framework.Offers;

namespace RelayMesos.Framework.Tests.Offers;

/// <summary>Hand-written offers and running tasks for example tests.</summary>
public static class TestOffers
{
    public static AgentOffer Offer(
        string id,
        string host,
        double cpus = 8,
        double mem = 16384,
        string? rack = null,
        string? agent = null,
        params ValueRange[] ports) =>
        new(
            id,
            agent ?? $"agent-{host}",
            host,
            new Dictionary<string, double> { [ResourceNames.Cpus] = cpus, [ResourceNames.Mem] = mem },
            new Dictionary<string, IReadOnlyList<ValueRange>> { [ResourceNames.Ports] = ports },
            new Dictionary<string, IReadOnlySet<string>>(),
            Attributes(rack));

    public static RunningTask Running(string id, string host, string? rack = null) =>
        new(id, $"agent-{host}", host, Attributes(rack));

    private static Dictionary<string, string> Attributes(string? rack) =>
        rack is null ? [] : new Dictionary<string, string> { ["rack"] = rack };
}
