using Akka.Actor;
using Microsoft.Extensions.Logging;
using RelayMesos.Framework.Offers;
using RelayMesos.Framework.Settings;
using RelayMesos.Framework.Tasks;
using RelayMesos.Mesos.V1;
using RelayMesos.Mesos.V1.Scheduler;

namespace RelayMesos.Framework.Actors;

/// <summary>
/// Latest demand × offers → a launch plan (the pure <see cref="OfferMatcher"/>). Offers nothing is taken
/// from are declined with a refuse filter; offers are SUPPRESSed while demand is zero and REVIVEd when it
/// returns. A demand that offers could not fill is reported as starved, so the controller does not wind up.
/// </summary>
public sealed class OfferHandler : ReceiveActor
{
    private readonly FrameworkSettings _settings;
    private readonly TaskRequirement _requirement;
    private readonly TimeProvider _clock;
    private readonly ILogger _logger;
    private readonly HashSet<string> _reportedUnsatisfiable = new(StringComparer.Ordinal);
    private FrameworkActors? _peers;
    private TaskTable _table = TaskTable.Empty;
    private Demand _demand = new(TaskKind.Warmer, 0, 0, LaunchTally.None);
    private LaunchTally _planned = LaunchTally.None;
    private int _remaining;
    private bool _starved;
    private bool _offersSinceDemand;
    private bool? _suppressed;
    private bool _subscribed;

    public OfferHandler(FrameworkSettings settings, TimeProvider clock, ILogger logger)
    {
        _settings = settings;
        _requirement = settings.Requirement();
        _clock = clock;
        _logger = logger;

        Receive<FrameworkActors>(peers => _peers = peers);
        Receive<TaskTableChanged>(e => _table = e.Table);
        Receive<FrameworkSubscribed>(_ =>
        {
            // A (re)subscription starts unsuppressed with fresh offers; restate what we want.
            _subscribed = true;
            _suppressed = null;
            UpdateSuppression();
        });
        Receive<Demand>(OnDemand);
        Receive<OffersReceived>(OnOffers);
        Receive<OfferRescinded>(e => _logger.LogDebug("Offer {Offer} rescinded.", e.OfferId.Value));
    }

    private void OnDemand(Demand demand)
    {
        // A demand still unmet when the next one arrives was starved, whether offers came and fell short
        // or none came at all (cluster full, master away): the controller must not wind up on it.
        _starved = _remaining > 0 && (_starved || !_offersSinceDemand);
        _demand = demand;
        _remaining = Math.Max(0, demand.Count - _planned.Unseen(demand.Kind, demand.Counted));
        _offersSinceDemand = false;
        Publish();
        UpdateSuppression();
    }

    private void OnOffers(OffersReceived received)
    {
        var offers = received.Offers;
        _offersSinceDemand = true;
        if (_remaining <= 0 || offers.Count == 0)
        {
            Decline(offers.Select(o => o.Id), offers.Count);
            UpdateSuppression();
            return;
        }

        var agentOffers = offers.Select(o => MesosOfferConversion.ToAgentOffer(o, _settings.Role)).ToList();
        var plan = OfferMatcher.Plan(agentOffers, _requirement, _remaining, _settings.Constraints, _table.Placements());
        ReportUnsatisfiable(plan);
        var launched = plan.Launches.Count;
        if (_settings.DryRun)
        {
            if (launched > 0)
            {
                _logger.LogInformation("dry-run: would launch {Count} {Kind}(s) on {Hosts}.", launched, _demand.Kind, string.Join(", ", plan.Launches.Select(l => l.Hostname)));
            }

            Decline(offers.Select(o => o.Id), offers.Count);
            _remaining = 0;
        }
        else
        {
            // One ACCEPT per agent: Mesos refuses offers of several agents aggregated in one call.
            foreach (var agent in plan.Launches.GroupBy(l => l.AgentId, StringComparer.Ordinal))
            {
                var used = agent.Select(l => l.OfferId).ToHashSet(StringComparer.Ordinal);
                _peers!.Launcher.Tell(
                    new LaunchPlanned(_demand.Kind, agent.ToList(), offers.Where(o => used.Contains(o.Id.Value)).Select(o => o.Id).ToList()),
                    Self);
            }

            _planned = _planned.Plus(_demand.Kind, launched);
            var declined = plan.DeclinedOfferIds.ToHashSet(StringComparer.Ordinal);
            Decline(offers.Where(o => declined.Contains(o.Id.Value)).Select(o => o.Id), offers.Count);
            _remaining -= launched;
        }

        _starved = _remaining > 0;
        Publish();
        UpdateSuppression();
    }

    private void ReportUnsatisfiable(LaunchPlan plan)
    {
        foreach (var problem in plan.Unsatisfiable)
        {
            // Once per constraint and reason: the message names the values and counts of this batch of offers, which vary.
            if (problem.Reason != UnsatisfiableReason.BlockedByCurrentOffers && _reportedUnsatisfiable.Add($"{problem.Constraint} {problem.Reason}"))
            {
                _logger.LogError("Placement constraint {Constraint} cannot be met: {Message}", problem.Constraint, problem.Message);
            }
        }
    }

    private void Decline(IEnumerable<OfferID> offerIds, int received)
    {
        var decline = new Call.Types.Decline { Filters = new Filters { RefuseSeconds = _settings.RefuseOffers.TotalSeconds } };
        decline.OfferIds.AddRange(offerIds);
        Context.System.EventStream.Publish(new OffersHandled(received, decline.OfferIds.Count));
        if (decline.OfferIds.Count > 0)
        {
            _peers!.Gateway.Tell(new SendCall(new Call { Type = Call.Types.Type.Decline, Decline = decline }), Self);
        }
    }

    private void UpdateSuppression()
    {
        var wantOffers = _remaining > 0;
        // Before the first SUBSCRIBED there is no stream to send on; the subscription restates it.
        if (_peers is null || !_subscribed || _suppressed == !wantOffers)
        {
            return;
        }

        _suppressed = !wantOffers;
        var call = wantOffers
            ? new Call { Type = Call.Types.Type.Revive, Revive = new Call.Types.Revive() }
            : new Call { Type = Call.Types.Type.Suppress, Suppress = new Call.Types.Suppress() };
        _peers.Gateway.Tell(new SendCall(call), Self);
        _logger.LogDebug(wantOffers ? "Reviving offers: demand is {Remaining}." : "Suppressing offers: no demand.", _remaining);
    }

    /// <summary>The controller is told; the web UI and metrics hear of it on the event stream.</summary>
    private void Publish()
    {
        var progress = new DemandProgress(_demand.Kind, _demand.Count, Math.Max(0, _remaining), _starved);
        _peers?.Controller.Tell(progress, Self);
        Context.System.EventStream.Publish(progress);
    }
}
