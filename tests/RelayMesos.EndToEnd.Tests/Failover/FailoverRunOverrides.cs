using System.Globalization;

namespace RelayMesos.EndToEnd.Tests.Failover;

/// <summary>The <c>--set</c> values every clustered-run test gives its instances; each test adds its own.</summary>
internal static class FailoverRunOverrides
{
    /// <summary>
    /// A standalone master, PostgreSQL, a lease roomy enough that a loaded machine's slow renewal does not end a term
    /// (the local deadline is 1 s before the TTL), quick steps, JSON logs the tests parse, no web server.
    /// </summary>
    public static List<KeyValuePair<string, string>> Common(Uri master, string frameworkName, TimeSpan leaseTtl) =>
    [
        new("relay.mesos.master", master.ToString().TrimEnd('/')),
        new("relay.mesos.framework.name", frameworkName),
        new("relay.persistence.provider", "postgres"),
        new("relay.leader-election.lease-ttl", leaseTtl.TotalSeconds.ToString(CultureInfo.InvariantCulture) + "s"),
        new("relay.leader-election.renew-interval", "1s"),
        new("relay.controller.delay", "250ms"),
        new("relay.web.enabled", "false"),
        new("relay.logging.format", "json"),
    ];
}
