using Akka.Actor;
using Akka.Cluster;
using Akka.Hosting;
using Microsoft.Extensions.DependencyInjection;
using RelayMesos.Failover.Leasing;
using RelayMesos.Framework.Actors;
using RelayMesos.Framework.Persistence;
using RelayMesos.Framework.Settings;
using RelayMesos.Host.Web;

namespace RelayMesos.Host.Running;

/// <summary>
/// This instance as the web UI and the HTTP API see it once the host has started: its place in the Akka cluster, whether
/// it leads, the framework singleton wherever it runs, and the controller's journaled history.
/// </summary>
public sealed class RelayNode(IServiceProvider services, MesosMaster master, RelayDatabase database, FrameworkSettings settings)
{
    private ControllerHistoryReader? _history;

    private ActorSystem System => services.GetRequiredService<ActorSystem>();

    /// <summary>The framework singleton, wherever in the cluster it runs: a <c>ClusterSingletonProxy</c>.</summary>
    public IActorRef Framework => services.GetRequiredService<IRequiredActor<FrameworkSingleton>>().ActorRef;

    public string Master => master.Address;

    /// <summary>This process in the cluster and in the lease table: its remoting host:port (the lease's owner name).</summary>
    public string InstanceId => Cluster.Get(System).SelfAddress.HostPort();

    /// <summary>Whether this instance may act right now: it holds a lease term. Without a SQL store the lone instance always acts.</summary>
    public bool LeadsNow => database.LeadsNow;

    /// <summary>The cluster's members that are up, as this instance sees them (host:port), oldest first.</summary>
    public IReadOnlyList<string> Members =>
        Cluster.Get(System).State.Members.Where(m => m.Status == MemberStatus.Up).OrderBy(m => m, Member.AgeOrdering).Select(m => m.Address.HostPort()).ToList();

    /// <summary>The controller's journaled steps, read through Akka.Persistence.Query.</summary>
    public ControllerHistoryReader History => _history ??= new ControllerHistoryReader(System, PersistenceIds.Controller(settings));

    /// <summary>One loop's journaled steps, by name (a loop removed at runtime keeps its journal).</summary>
    public ControllerHistoryReader HistoryOf(string loop) =>
        loop == settings.Loop ? History : new ControllerHistoryReader(System, PersistenceIds.Controller(settings with { Loop = loop }));

    /// <summary>While this instance finds its database unavailable, why (see <see cref="RelayMesos.Failover.DatabaseIncidentLog.Why"/>); null otherwise.</summary>
    public string? DatabaseUnavailable => database.Incidents.Why;

    /// <summary>The singleton's lease row as the database sees it now; null without a SQL store or before anyone took it.</summary>
    public Task<LeaderInfo?> ReadLeaderAsync(CancellationToken cancellationToken) => database.ReadLeaderAsync(cancellationToken);
}
