using RelayMesos.Control.Controllers;

namespace RelayMesos.Control.Simulation;

/// <summary>
/// A plant and a target to run a controller against (<c>relay.simulator.scenarios.&lt;name&gt;.*</c>).
/// Times are in seconds of simulated time; one step lasts <see cref="StepSeconds"/>.
/// </summary>
public sealed record Scenario
{
    public required string Name { get; init; }

    public PlantKind Plant { get; init; } = PlantKind.Pool;

    public TargetShape Target { get; init; } = TargetShape.Constant;

    /// <summary>The target's base value (constant, before the step, or the sine's centre).</summary>
    public double TargetLevel { get; init; } = 20;

    public double StepAt { get; init; } = 60;

    public double StepTo { get; init; } = 40;

    public double Amplitude { get; init; } = 10;

    public double Period { get; init; } = 120;

    /// <summary>Queue: mean arrivals per second (Poisson).</summary>
    public double ArrivalRate { get; init; } = 5;

    /// <summary>Queue: items one running worker drains per second.</summary>
    public double WorkerRate { get; init; } = 1;

    /// <summary>Seconds from launch until a task has an effect.</summary>
    public double StartupDelay { get; init; } = 5;

    /// <summary>Longest a run-to-completion task lives (queue workers exit earlier when the queue is empty).</summary>
    public double TaskLifetime { get; init; } = 60;

    /// <summary>Queue depth or running instances at t = 0.</summary>
    public double Initial { get; init; }

    /// <summary>No offers (launches fail) from this time ...</summary>
    public double StarveFrom { get; init; } = -1;

    /// <summary>... until this time.</summary>
    public double StarveUntil { get; init; } = -1;

    /// <summary>Consumer queue: the arrival profile (<see cref="ArrivalProfile.Names"/>).</summary>
    public string? Arrivals { get; init; }

    /// <summary>Consumer queue: what one consumer does.</summary>
    public ConsumerShape Consumer { get; init; } = ConsumerShape.Default;

    /// <summary>Consumer queue: seconds from the controller's decision until the consumer's process runs (offer wait, launch).</summary>
    public double LaunchLatency { get; init; }

    /// <summary>
    /// Consumer queue: seconds between the master's offer rounds (Mesos' allocation interval). 0: a decision's tasks
    /// are launched at once. Otherwise the framework holds only its latest demand (a new one replaces what is still
    /// unmet), launches from the next offer round, and a round also comes early when demand returns (REVIVE).
    /// </summary>
    public double OfferInterval { get; init; }

    /// <summary>
    /// Consumer queue, with an offer interval: seconds the master withholds an agent's offers after the framework
    /// declined them (<c>relay.mesos.refuse</c>): an offer round that gave that agent no task, as when the demand is
    /// smaller than the agents offering. What an accepted offer leaves over is not refused (the ACCEPT's
    /// refuse_seconds is 0). A declined agent offers again when one of its tasks ends (its resources are then more
    /// than was refused) or when the demand falls to zero and returns (SUPPRESS, then a REVIVE that clears the
    /// filters). 0: no filter.
    /// </summary>
    public double RefuseSeconds { get; init; }

    /// <summary>Consumer queue: agents the cluster's slots are spread over (each offers, and is refused, on its own).</summary>
    public int Agents { get; init; } = 1;

    /// <summary>Consumer queue: seconds the agents take to start one task's process (they start them one after another).</summary>
    public double SpawnSeconds { get; init; }

    /// <summary>
    /// Consumer queue: seconds the framework's task table lags the processes (TASK_RUNNING and TASK_FINISHED arrive
    /// this late): a started consumer counts as in flight that much longer, an ended one as running.
    /// </summary>
    public double StatusLag { get; init; }

    /// <summary>Consumer queue: seconds one HTTP request of a consumer to the queue costs (added to every poll).</summary>
    public double RequestSeconds { get; init; }

    /// <summary>
    /// Consumer queue: seconds every live consumer adds to each consumer's request (bash consumers polling on a few
    /// cores share them: a poll that takes 0.1 s beside 5 others takes 0.7 s beside 45).
    /// </summary>
    public double RequestPerConsumer { get; init; }

    /// <summary>Most tasks the cluster holds at once (its resources over one task's).</summary>
    public int Slots { get; init; } = int.MaxValue;

    /// <summary>Most tasks the cluster can start in one step.</summary>
    public int OffersPerStep { get; init; } = 1000;

    public double StepSeconds { get; init; } = 1;

    /// <summary>
    /// IAE counts from this time on. A stretch that costs every controller the same (no offers at all, so no
    /// launches) would otherwise bury the differences the scenario is there to show; the whole-run IAE is
    /// still reported next to it.
    /// </summary>
    public double ScoreFrom { get; init; }

    public int Steps { get; init; } = 300;

    /// <summary>Controller steps on the idle plant before the run's clock starts (their MV is not applied).</summary>
    public int LeadSteps { get; init; }

    public ControllerMode Mode => Plant == PlantKind.Pool ? ControllerMode.LongRunning : ControllerMode.RunToCompletion;

    public double TargetAt(double time) => Target switch
    {
        TargetShape.Step => time < StepAt ? TargetLevel : StepTo,
        TargetShape.Sine => TargetLevel + Amplitude * Math.Sin(2 * Math.PI * time / Period),
        _ => TargetLevel,
    };

    public bool StarvedAt(double time) => time >= StarveFrom && time < StarveUntil;
}
