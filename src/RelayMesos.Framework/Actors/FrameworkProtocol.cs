using RelayMesos.Control.Controllers;
using RelayMesos.Framework.Offers;
using RelayMesos.Framework.Settings;
using RelayMesos.Framework.Tasks;
using RelayMesos.Mesos.V1;

namespace RelayMesos.Framework.Actors;

// The messages the framework's actors exchange, in the order a sample travels
// (DESIGN.md, "Actors and the way a sample travels").

/// <summary>MetricPoller → RelayController: one good pair of readings.</summary>
/// <param name="At">When both readings were in.</param>
/// <param name="MetricReadAt">
/// When the metric's reading began (null: at <paramref name="At"/>). A task that took effect after it cannot be in
/// the reading, so the controller counts it in flight, not running; counting it as neither would launch it again.
/// </param>
public sealed record Sample(double Target, double Metric, DateTimeOffset At, DateTimeOffset? MetricReadAt = null);

/// <summary>MetricPoller → RelayController: the sources failed and the failure policy says hold this demand.</summary>
public sealed record FallbackDemand(int Mv, string Reason, DateTimeOffset At);

/// <summary>MetricPoller → RelayController: too many failed samples in a row; demand nothing until a good one.</summary>
public sealed record SamplingPaused(string Reason, DateTimeOffset At);

/// <summary>RelayController → OfferHandler: how many tasks of a kind to launch now. Replaces every earlier demand.</summary>
/// <param name="Counted">
/// The launches the task table held when the controller counted its tasks for this demand. Launches the offer
/// handler planned beyond these were invisible to the controller and are taken off <paramref name="Count"/>.
/// </param>
/// <param name="Loop">The loop whose demand this is; each loop's latest demand replaces only its own earlier one.</param>
public sealed record Demand(TaskKind Kind, int Count, long Step, LaunchTally Counted, string Loop = FrameworkSettings.DefaultLoop);

/// <summary>RelayController → StatusReconciler (long-running mode): kill this many of our running warmers, newest first.</summary>
/// <param name="KillsCounted">
/// The scale-in kills the task table held when the controller counted its tasks for this step. Kills the reconciler
/// asked for beyond these were invisible to the controller (it still counted those tasks as running) and are taken
/// off <paramref name="Count"/>, or one surplus would be killed twice and then launched again.
/// </param>
/// <param name="Loop">Only this loop's warmers are candidates.</param>
public sealed record KillWarmers(int Count, long Step, long KillsCounted, string Loop = FrameworkSettings.DefaultLoop);

/// <summary>
/// Host → StatusReconciler (through the term): the embedded cluster stops with this process and every task on
/// it ends too. Recording that lets the next start neither reconcile nor count ghosts. Answered with
/// <see cref="MesosGateway.Done"/>.
/// </summary>
public sealed record EmbeddedClusterStopping
{
    public static EmbeddedClusterStopping Instance { get; } = new();
}

/// <summary>Any child → FrameworkSupervisor: the run must end with this exit code (stop condition, max-failures).</summary>
/// <param name="Loop">
/// The loop that ended (its stop condition or max-failures), or null when the whole run must end. With several loops
/// only that loop ends, and the run ends with its exit code when it was the last one.
/// </param>
public sealed record StopRequested(int ExitCode, string Reason, string? Loop = null);

/// <summary>
/// The host → the framework, as this process stops: decide and launch nothing more. The term stops its poller,
/// controller, offer handler and launcher, the reconciler journals no launch after it, and the term answers
/// <see cref="MesosGateway.Done"/>; the gateway and the reconciler stay for a teardown or the embedded cluster's record.
/// </summary>
public sealed record StopDeciding
{
    public static StopDeciding Instance { get; } = new();
}

/// <summary>
/// StatusReconciler → MetricPoller: how many of our warmers run now (healthy ones, when health checks are on), whenever
/// that changes and once when the term's peers are known. It is what a <c>type = tasks</c> metric reads.
/// </summary>
public sealed record RunningWarmersChanged(int Count, DateTimeOffset At);

/// <summary>OfferHandler → a loop's RelayController (and the event stream): how much of its demand is still unlaunched.</summary>
public sealed record DemandProgress(TaskKind Kind, int Wanted, int Remaining, bool Starved, string Loop = FrameworkSettings.DefaultLoop);

/// <summary>One planned task of one loop.</summary>
public sealed record LoopLaunch(string Loop, TaskKind Kind, PlannedLaunch Launch);

/// <summary>
/// OfferHandler → TaskLauncher: launch these planned tasks from these offers of one agent, as one ACCEPT (Mesos refuses
/// an offer used twice, so the tasks of every loop placed on an agent's offers leave together).
/// </summary>
public sealed record LaunchPlanned(IReadOnlyList<LoopLaunch> Launches, IReadOnlyList<OfferID> OfferIds);

/// <summary>TaskLauncher → StatusReconciler: record these tasks before ACCEPT goes out (write-ahead).</summary>
public sealed record RecordLaunches(IReadOnlyList<TaskRecord> Tasks, Mesos.V1.Scheduler.Call Accept);

/// <summary>StatusReconciler → TaskLauncher: the launches are durable; send the ACCEPT.</summary>
public sealed record LaunchesRecorded(Mesos.V1.Scheduler.Call Accept, int Count);

/// <summary>MesosGateway → OfferHandler.</summary>
public sealed record OffersReceived(IReadOnlyList<Offer> Offers);

/// <summary>MesosGateway → OfferHandler.</summary>
public sealed record OfferRescinded(OfferID OfferId);

/// <summary>MesosGateway → StatusReconciler.</summary>
public sealed record StatusUpdateReceived(Mesos.V1.TaskStatus Status);

/// <summary>Published by MesosGateway after every SUBSCRIBED: offers from before are void, reconciliation is due.</summary>
public sealed record FrameworkSubscribed(string FrameworkId, string Master);

/// <summary>Published by MesosGateway when the stream is gone (it reconnects by itself).</summary>
public sealed record FrameworkDisconnected(string Reason);

/// <summary>
/// MesosGateway → FrameworkSupervisor: Mesos handed the framework to another scheduler ("Framework failed over"), so
/// this term ends; the gateway's line has said why.
/// </summary>
public sealed record FrameworkHandedOver
{
    public static FrameworkHandedOver Instance { get; } = new();
}

/// <summary>Anyone → MesosGateway: send this call on the current subscription.</summary>
public sealed record SendCall(Mesos.V1.Scheduler.Call Call);

/// <summary>FrameworkSupervisor → MesosGateway on a clean exit with teardown asked: remove the framework from Mesos.</summary>
public sealed record TeardownFramework;

/// <summary>Published by StatusReconciler whenever its table changes.</summary>
/// <param name="Recorded">The launches this term recorded so far (write-ahead), by kind.</param>
/// <param name="KillsRecorded">The scale-in kills this term recorded so far (the table marks their tasks as killing).</param>
/// <param name="At">When the table changed (the reconciler's clock): a metric read before then cannot reflect the change.</param>
public sealed record TaskTableChanged(TaskTable Table, LaunchTally Recorded, long KillsRecorded = 0, DateTimeOffset? At = null);

/// <summary>
/// RelayController → StatusReconciler: send me the table now (answered with <see cref="TaskTableChanged"/>). A new
/// term's reconciler recovers and publishes before the controller subscribes, so the controller asks once.
/// </summary>
/// <param name="Loop">The asking controller's loop: the answer holds that loop's tasks and tallies.</param>
public sealed record GetTaskTable(string Loop = FrameworkSettings.DefaultLoop)
{
    public static GetTaskTable Instance { get; } = new();
}

/// <summary>Asked of StatusReconciler once it recovered.</summary>
public sealed record GetFrameworkId
{
    public static GetFrameworkId Instance { get; } = new();
}

/// <summary>StatusReconciler's answer: the persisted framework id, or null before the first SUBSCRIBED.</summary>
public sealed record FrameworkIdentity(string? FrameworkId);

/// <summary>Published by RelayController after each persisted decision (web UI, metrics, logs).</summary>
public sealed record DecisionMade(ControllerInput Input, ControllerDecision Decision, int Launching, long Step, string Loop = FrameworkSettings.DefaultLoop);

/// <summary>Published by MetricPoller for every sample in which the metric or the target failed (metrics, web UI).</summary>
public sealed record SampleFailed(string Reason, DateTimeOffset At, string Loop = FrameworkSettings.DefaultLoop);

/// <summary>
/// Published by FrameworkSupervisor when one loop of several ends in this term (its stop condition, or max-failures):
/// it decides and launches nothing more (web UI, metrics). A term that starts it again steps it again.
/// </summary>
public sealed record LoopEnded(string Loop, string Reason);

/// <summary>Published by OfferHandler for every batch of offers: how many came and how many it declined.</summary>
public sealed record OffersHandled(int Received, int Declined);

/// <summary>
/// FrameworkSupervisor → OfferHandler, TaskLauncher, StatusReconciler: the loops the run has changed at runtime (a loop
/// applied, updated or removed); these are every loop's settings now, by name.
/// </summary>
public sealed record LoopSettingsChanged(IReadOnlyList<FrameworkSettings> Loops);

/// <summary>
/// FrameworkSupervisor → StatusReconciler: this loop was removed. Its tasks are killed when <paramref name="KillTasks"/>
/// (long-running mode), and run to their end otherwise; nothing more is launched for it.
/// </summary>
public sealed record RetireLoop(string Loop, bool KillTasks);

/// <summary>FrameworkSupervisor → StatusReconciler: this loop was applied again; its max-failures count starts over.</summary>
public sealed record ResetFailures(string Loop);
