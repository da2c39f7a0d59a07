using Akka.Actor;
using Microsoft.Extensions.Logging;
using RelayMesos.Framework.Offers;
using RelayMesos.Framework.Settings;
using RelayMesos.Framework.Tasks;
using RelayMesos.Mesos.V1;
using RelayMesos.Mesos.V1.Scheduler;

namespace RelayMesos.Framework.Actors;

/// <summary>
/// Each loop's latest demand × offers → launch plans (the pure <see cref="FairShare"/>, which is <see cref="OfferMatcher"/>
/// for one loop). Offers nothing is taken from are declined with a refuse filter; offers are SUPPRESSed while no loop
/// wants any and REVIVEd when one does. A demand that offers could not fill is reported to its loop as starved, so its
/// controller does not wind up.
/// </summary>
public sealed class OfferHandler : ReceiveActor
{
    private readonly TimeProvider _clock;
    private readonly ILogger _logger;
    private readonly HashSet<string> _reportedUnsatisfiable = new(StringComparer.Ordinal);
    private readonly Dictionary<string, LoopDemand> _demands = new(StringComparer.Ordinal);
    private PerLoopSettings _loops;
    private FrameworkActors? _peers;
    private TaskTable _table = TaskTable.Empty;
    private bool? _suppressed;
    private bool _subscribed;

    public OfferHandler(FrameworkSettings settings, TimeProvider clock, ILogger logger, IReadOnlyList<FrameworkSettings>? loops = null)
    {
        _loops = new PerLoopSettings(settings, loops);
        _clock = clock;
        _logger = logger;

        Receive<FrameworkActors>(peers => _peers = peers);
        Receive<LoopSettingsChanged>(OnLoopSettingsChanged);
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

    private int Remaining => _demands.Values.Sum(d => d.Remaining);

    private void OnDemand(Demand demand)
    {
        if (!_loops.Contains(demand.Loop))
        {
            // The last demand of a loop removed at runtime, sent as it stopped: the loop wants nothing more.
            _logger.LogDebug("Demand of loop {Loop} ignored: the loop was removed.", demand.Loop);
            return;
        }

        if (!_demands.TryGetValue(demand.Loop, out var loop))
        {
            _demands[demand.Loop] = loop = new LoopDemand(_loops.Of(demand.Loop));
        }

        loop.Replace(demand);
        Publish(loop);
        UpdateSuppression();
    }

    /// <summary>
    /// A loop applied again plans its next tasks with its new settings (resources, constraints, dry-run); a loop removed
    /// at runtime wants nothing more (its demand was withdrawn before).
    /// </summary>
    private void OnLoopSettingsChanged(LoopSettingsChanged changed)
    {
        _loops = new PerLoopSettings(_loops.Framework, changed.Loops);
        foreach (var name in _demands.Keys.ToList())
        {
            if (_loops.Contains(name))
            {
                _demands[name].Reconfigure(_loops.Of(name));
            }
            else
            {
                _demands.Remove(name);
            }
        }

        UpdateSuppression();
    }

    private void OnOffers(OffersReceived received)
    {
        var offers = received.Offers;
        foreach (var loop in _demands.Values)
        {
            loop.OffersCame();
        }

        if (Remaining <= 0 || offers.Count == 0)
        {
            Decline(offers.Select(o => o.Id), offers.Count);
            UpdateSuppression();
            return;
        }

        var role = _loops.Framework.Role;
        var agentOffers = offers.Select(o => MesosOfferConversion.ToAgentOffer(o, role)).ToList();
        var wanting = _demands.Values.Where(d => d.Remaining > 0).ToList();
        var wants = wanting
            .Select(d => new LoopWant(d.Name, d.Requirement, d.Remaining, d.Settings.Constraints, _table.ForLoop(d.Name).Placements()))
            .ToList();
        var plan = FairShare.Plan(agentOffers, wants);
        var sent = new List<LoopLaunch>();
        foreach (var loop in wanting)
        {
            var loopPlan = plan.Plans[loop.Name];
            ReportUnsatisfiable(loopPlan);
            var launches = loopPlan.Launches;
            if (loop.Settings.DryRun)
            {
                if (launches.Count > 0)
                {
                    _logger.LogInformation("dry-run: would launch {Count} {Kind}(s){Loop} on {Hosts}.",
                        launches.Count, loop.Kind, LoopSuffix(loop.Name), string.Join(", ", launches.Select(l => l.Hostname)));
                }

                loop.DryRunPlanned();
            }
            else
            {
                sent.AddRange(launches.Select(l => new LoopLaunch(loop.Name, loop.Kind, l)));
                loop.Planned(launches.Count);
            }

            Publish(loop);
        }

        // One ACCEPT per agent, whichever loops its tasks are for: Mesos refuses offers of several agents aggregated in
        // one call, and an offer used by two calls.
        foreach (var agent in sent.GroupBy(l => l.Launch.AgentId, StringComparer.Ordinal))
        {
            var used = agent.Select(l => l.Launch.OfferId).ToHashSet(StringComparer.Ordinal);
            _peers!.Launcher.Tell(new LaunchPlanned(agent.ToList(), offers.Where(o => used.Contains(o.Id.Value)).Select(o => o.Id).ToList()), Self);
        }

        var taken = sent.Select(l => l.Launch.OfferId).ToHashSet(StringComparer.Ordinal);
        Decline(offers.Where(o => !taken.Contains(o.Id.Value)).Select(o => o.Id), offers.Count);
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
        var decline = new Call.Types.Decline { Filters = new Filters { RefuseSeconds = _loops.Framework.RefuseOffers.TotalSeconds } };
        decline.OfferIds.AddRange(offerIds);
        Context.System.EventStream.Publish(new OffersHandled(received, decline.OfferIds.Count));
        if (decline.OfferIds.Count > 0)
        {
            _peers!.Gateway.Tell(new SendCall(new Call { Type = Call.Types.Type.Decline, Decline = decline }), Self);
        }
    }

    private void UpdateSuppression()
    {
        var remaining = Remaining;
        var wantOffers = remaining > 0;
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
        _logger.LogDebug(wantOffers ? "Reviving offers: demand is {Remaining}." : "Suppressing offers: no demand.", remaining);
    }

    /// <summary>The loop's controller is told; the web UI and metrics hear of it on the event stream.</summary>
    private void Publish(LoopDemand loop)
    {
        var progress = loop.Progress;
        _peers?.Loop(loop.Name)?.Controller.Tell(progress, Self);
        Context.System.EventStream.Publish(progress);
    }

    private string LoopSuffix(string loop) => _loops.Count > 1 ? $" for loop {loop}" : "";

    /// <summary>One loop's latest demand and how much of it is planned.</summary>
    private sealed class LoopDemand(FrameworkSettings settings)
    {
        private Demand _demand = new(TaskKind.Warmer, 0, 0, LaunchTally.None, settings.Loop);
        private LaunchTally _planned = LaunchTally.None;
        private bool _starved;
        private bool _offersSinceDemand;

        public FrameworkSettings Settings { get; private set; } = settings;

        public TaskRequirement Requirement { get; private set; } = settings.Requirement();

        public string Name => Settings.Loop;

        public TaskKind Kind => _demand.Kind;

        public int Remaining { get; private set; }

        public DemandProgress Progress => new(_demand.Kind, _demand.Count, Math.Max(0, Remaining), _starved, Name);

        public void Replace(Demand demand)
        {
            // A demand still unmet when the next one arrives was starved, whether offers came and fell short
            // or none came at all (cluster full, master away): the controller must not wind up on it.
            _starved = Remaining > 0 && (_starved || !_offersSinceDemand);
            _demand = demand;
            Remaining = Math.Max(0, demand.Count - _planned.Unseen(demand.Kind, demand.Counted));
            _offersSinceDemand = false;
        }

        public void OffersCame() => _offersSinceDemand = true;

        /// <summary>The loop was applied again: its demand and what was planned of it stand, its next tasks take the new settings.</summary>
        public void Reconfigure(FrameworkSettings settings)
        {
            Settings = settings;
            Requirement = settings.Requirement();
        }

        public void Planned(int launched)
        {
            _planned = _planned.Plus(_demand.Kind, launched);
            Remaining -= launched;
            _starved = Remaining > 0;
        }

        public void DryRunPlanned()
        {
            Remaining = 0;
            _starved = false;
        }
    }
}
