using System.Collections.Immutable;

namespace RelayMesos.Control.Controllers;

/// <summary>
/// <c>relay</c>: Relay's law (MV = err − w·mean(window)) with the guards a cluster needs:
/// anti-windup while launches are starved, in-flight accounting, an even ramp, deadband, per-step clamp,
/// separate warm and cool cooldowns, and instance bounds in long-running mode. In run-to-completion mode it also
/// learns how fast the metric drifts on its own (a queue's inflow, believed at its surges) and how much one task
/// answers per step, launches by that measured rate rather than one task per unit of error, and keeps the tasks
/// alive that meet the next surge.
/// </summary>
public sealed class GuardedRelayController(ControllerSettings settings) : IController
{
    public ControllerAlgorithm Algorithm => ControllerAlgorithm.Relay;

    public ControllerStep Step(ControllerState state, ControllerInput input)
    {
        InputGuard.RequireFinite(input);
        var err = input.Error;

        // Anti-windup: an error the cluster could not act on says nothing about the plant, and letting it pile
        // up makes the controller over-react once offers return (Relay.Mesos' README warns of exactly this).
        var window = settings.AntiWindup && input.Starved ? state.Window : ErrorWindow.Push(state.Window, err, settings.Lookback);
        var span = window.AsSpan();
        var targets = ErrorWindow.Push(state.Targets, input.Target, LeadSamples + 1);

        double raw;
        double weight = 0;
        var reason = DecisionReason.ControlLaw;
        var rampIndex = state.RampIndex;
        if (rampIndex < settings.Ramp)
        {
            // Spread what is still missing evenly over the ramp steps left.
            raw = err / (settings.Ramp - rampIndex);
            rampIndex++;
            reason = DecisionReason.Ramp;
        }
        else
        {
            weight = span.Length == 0 ? 1 : FftWeight.Compute(span);
            raw = err - (span.Length == 0 ? 0 : ErrorWindow.WeightedMean(span, weight));
        }

        var drift = EstimateDrift(state, input);
        raw += GrowthUntilEffective(span, raw, drift);
        var taskRate = LearnTaskRate(state, input, drift);
        if (settings.Mode == ControllerMode.RunToCompletion && taskRate > 1)
        {
            // Relay's unit is one task per unit of error. A task measured to clear more than one unit a step (a
            // consumer taking two items a step) answers that many: launching one per item started a crowd of
            // consumers for a backlog a few clear within the step, and left nothing of the launch budget for the
            // capacity that meets the next surge.
            raw /= taskRate;
        }

        if (settings.AntiWindup && input.Starved && state.LastMv != 0 && Math.Sign(err) == Math.Sign(state.LastMv))
        {
            // Hold the unmet demand rather than re-deriving it from a window that could not see its effect.
            raw = Math.Sign(state.LastMv) * Math.Max(Math.Abs(raw), Math.Abs(state.LastMv));
        }
        else if (settings.Mode == ControllerMode.LongRunning && Math.Sign(raw) != -Math.Sign(err))
        {
            // A pool integrates what we do: every start stays, so MV = err closes the gap in one step. Relay's
            // law answers a steady error with err − mean ≈ 0 and the gap would never close; and its history term
            // can also lift MV above err, because the window remembers errors that the tasks still starting
            // already answer. Those launches are surplus and a later step kills them again.
            raw = err;
        }
        else if (Math.Abs(raw) < 0.5 && Math.Abs(err) >= 1 && Math.Abs(err) > settings.Deadband)
        {
            // Run-to-completion: the same steady-error blind spot would stop all launches while tasks keep
            // failing or finishing without effect. Keep one task a step going until the gap moves.
            raw = Math.Sign(err);
        }

        raw += TargetLead(targets, err, raw);

        var stream = input.Inflow is null ? DriftStream(drift, taskRate, span, err, input) : InflowStream(drift, taskRate, err, input);
        var mv = Guard(raw, err, stream, state, input, ref reason);

        var next = state with
        {
            Window = window,
            Targets = targets,
            Steps = state.Steps + 1,
            RampIndex = rampIndex,
            LastMv = mv,
            LastWarmAt = mv > 0 ? input.At : state.LastWarmAt,
            LastCoolAt = mv < 0 ? input.At : state.LastCoolAt,
            Drift = drift,
            LastWarmers = input.RunningWarmers + input.InFlightWarmers,
            LastCoolers = input.RunningCoolers + input.InFlightCoolers,
            LastServing = input.RunningCoolers - input.RunningWarmers,
            TaskRate = taskRate,
        };
        var (stopped, exitCode) = StopConditionEvaluator.Evaluate(settings.StopCondition, next, err);
        var decision = new ControllerDecision(mv, err, weight, span.Length == 0 ? 0 : ErrorWindow.Mean(span), reason, exitCode);
        return new ControllerStep(stopped, decision);
    }

    private int Guard(double raw, double err, double stream, ControllerState state, ControllerInput input, ref DecisionReason reason)
    {
        int mv;
        var withinDeadband = Math.Abs(err) <= settings.Deadband;
        if (withinDeadband && stream == 0)
        {
            mv = 0;
            reason = DecisionReason.Deadband;
        }
        else
        {
            // Heat already on its way is part of the answer: warmers in flight will raise the metric,
            // coolers in flight will lower it. Never flip direction because of them; just wait.
            var correction = withinDeadband ? 0 : raw;
            var adjusted = correction - input.InFlightWarmers + input.InFlightCoolers;
            if (Math.Sign(adjusted) != Math.Sign(correction))
            {
                adjusted = 0;
            }

            // The drift stream is not a correction: it answers the drift still to come, which nothing in
            // flight covers, so in-flight accounting and the deadband leave it alone.
            mv = ClassicRounding.Round(adjusted + stream);
            if (stream != 0 && ClassicRounding.Round(adjusted) == 0)
            {
                reason = DecisionReason.Drift;
            }
            else if (mv != ClassicRounding.Round(correction + stream))
            {
                reason = DecisionReason.InFlight;
            }

            // The law's history term may point against the present error (err − w·mean with a large mean);
            // killing workers while too cold, or warming while too hot, is never what an operator wants.
            if (Math.Sign(mv) == -Math.Sign(err))
            {
                mv = 0;
                reason = DecisionReason.AgainstError;
            }

            if (settings.MaxStep > 0 && Math.Abs(mv) > settings.MaxStep)
            {
                mv = Math.Sign(mv) * settings.MaxStep;
                reason = DecisionReason.Clamped;
            }

            if ((mv > 0 && InCooldown(state.LastWarmAt, settings.WarmCooldown, input.At))
                || (mv < 0 && InCooldown(state.LastCoolAt, settings.CoolCooldown, input.At)))
            {
                mv = 0;
                reason = DecisionReason.Cooldown;
            }
        }

        if (settings.Mode == ControllerMode.LongRunning)
        {
            var bounded = InstanceBounds.Apply(mv, input.RunningWarmers + input.InFlightWarmers, settings);
            if (bounded != mv)
            {
                mv = bounded;
                reason = DecisionReason.Bounded;
            }
        }

        return mv;
    }

    /// <summary>
    /// A task launched now only acts after the effect delay; if the error is growing in the direction the law
    /// already pushes, launch for the error there will be by then. A shrinking error earns nothing here:
    /// in-flight accounting covers what we launched ourselves. Growth the drift stream already answers is left
    /// out, or the same tasks would be launched twice. Run-to-completion only: with long-running
    /// instances the error's growth is mostly our own kills and starts, and chasing it oscillates.
    /// </summary>
    private double GrowthUntilEffective(ReadOnlySpan<double> window, double raw, double drift)
    {
        var horizon = settings.EffectDelay / settings.Delay;
        if (horizon <= 0 || window.Length < 2 || raw == 0 || settings.Mode == ControllerMode.LongRunning)
        {
            return 0;
        }

        var k = Math.Min(window.Length - 1, Math.Max(1, (int)Math.Ceiling(horizon)));
        var slope = (window[^1] - window[^(1 + k)]) / k - drift;
        return Math.Sign(slope) == Math.Sign(raw) ? slope * horizon : 0;
    }

    /// <summary>
    /// Run-to-completion: the metric's own movement per step (in the error's sign), smoothed over the steps that show
    /// it. A step shows it when nothing of ours could have made the move: no task that pushes the metric that way was
    /// running or in flight at either end of the step or launched by the step before (a launch acts before the task
    /// table shows it, and a task in flight may already act), and no task pushing the other way was effective at
    /// either end, or those that were stayed busy all step (the metric stood beyond the target at both ends) and their
    /// part is known from the measured task rate. So a queue that grows while the consumers launched for it are still
    /// starting, or grows although consumers serve it, shows its inflow; a queue kept empty hides it. A step with
    /// nothing of ours around at all shows a metric standing still too. A moving target is not the plant drifting.
    /// Other steps say nothing, and the estimate fades on them, so that a drift learned wrongly (or persisted by an
    /// older version) does not keep a stream going for ever. With the stream off, or for a pool, there is no drift at
    /// all, whatever an earlier run left in the state.
    /// </summary>
    private double EstimateDrift(ControllerState state, ControllerInput input)
    {
        if (settings.Mode == ControllerMode.LongRunning)
        {
            return 0;
        }

        if (input.Inflow is { } inflow)
        {
            // Feed-forward: the inflow is measured, not guessed from the steps that happen to show it. It raises the
            // metric, so it lowers the error by that much a step.
            return -inflow * settings.Delay.TotalSeconds;
        }

        if (!settings.DriftStream)
        {
            return 0;
        }

        if (state.LastError is not { } last || state.Targets.IsEmpty || input.Starved)
        {
            return state.Drift * (1 - DriftFade);
        }

        var lastMetric = state.Targets[^1] - last;
        if (OwnMovement(state, input, input.Metric - lastMetric) is not { } own)
        {
            return state.Drift * (1 - DriftFade);
        }

        // A surge is believed at once, a lull only gradually: the stream is there to meet the next surge.
        var sample = -own;
        var weight = Math.Sign(sample) == Math.Sign(state.Drift) && Math.Abs(sample) > Math.Abs(state.Drift) ? SurgeSmoothing : DriftSmoothing;
        return state.Drift + weight * (sample - state.Drift);
    }

    /// <summary>What the metric did on its own over the step (<paramref name="moved"/> less our part), or null if the step cannot tell.</summary>
    private static double? OwnMovement(ControllerState state, ControllerInput input, double moved)
    {
        var warmers = input.RunningWarmers + input.InFlightWarmers;
        var coolers = input.RunningCoolers + input.InFlightCoolers;
        if (state.LastWarmers + state.LastCoolers == 0 && state.LastMv == 0 && warmers + coolers == 0)
        {
            return moved;
        }

        // Warmers raise the metric and coolers lower it. Nothing that pushes the metric the way it moved may have been
        // around; then the effective tasks of the other kind are the opposers alone.
        var pushed = moved switch
        {
            > 0 => state.LastWarmers != 0 || warmers != 0 || state.LastMv > 0,
            < 0 => state.LastCoolers != 0 || coolers != 0 || state.LastMv < 0,
            _ => true,
        };
        if (pushed)
        {
            return null;
        }

        var (opposedAtStart, opposedAtEnd) = Effective(state, input, lowering: Math.Sign(moved));
        if (opposedAtStart == 0 && opposedAtEnd == 0)
        {
            return moved;
        }

        // The metric moved away from the target although tasks of ours worked against it. If it stood beyond the
        // target at both ends they never ran out of work, and their part is their measured rate: a queue that grows by
        // 3 while 2 consumers take 2 items a step each has an inflow of 7. Otherwise they may have idled: no lesson.
        // Nor if fewer of them were effective at the end: where the metric counts our tasks (the demo's running
        // warmers), tasks that end move it the other way, and that is us, not a drift.
        var side = -Math.Sign(moved);
        if (state.TaskRate <= 0 || opposedAtEnd < opposedAtStart
            || state.LastError is not { } last || Math.Sign(last) != side || Math.Sign(input.Error) != side)
        {
            return null;
        }

        return moved + Math.Sign(moved) * (opposedAtStart + opposedAtEnd) / 2.0 * state.TaskRate;
    }

    /// <summary>
    /// The tasks a step that keep capacity alive against the drift, in Relay's unit (one task a step per unit of
    /// error a step) until a task's rate is measured. A queue fed in surges empties, its consumers leave, and a start-up
    /// later the next surge has piled up; launching only against the present error answers every surge late. So the
    /// stream goes on at zero error, as long as the metric was last seen off target on the drift's side and the drift
    /// has not faded (about a minute after the last surge it was learned from). A queue that was drained and gets
    /// nothing new never shows a drift, and nothing more is launched for it.
    /// </summary>
    private double DriftStream(double drift, double taskRate, ReadOnlySpan<double> window, double err, ControllerInput input)
    {
        if (Math.Abs(drift) < 0.5 || Math.Sign(err) == -Math.Sign(drift))
        {
            return 0;
        }

        // Tasks of the stream's kind that are alive (running, idle or starting) already answer the drift: a consumer
        // that outlives its item keeps taking the next. With a measured task rate the drift needs |drift| / rate tasks
        // alive (a consumer serving 2 items a step covers 2 items of inflow); unmeasured, one a unit. Only what the
        // live ones leave uncovered is started.
        var alive = drift > 0 ? input.RunningWarmers + input.InFlightWarmers : input.RunningCoolers + input.InFlightCoolers;
        var needed = taskRate > 0 ? Math.Abs(drift) / taskRate : Math.Abs(drift);
        var uncovered = Math.Max(0, needed - alive);
        if (uncovered < 0.5)
        {
            return 0;
        }

        for (var i = window.Length - 1; i >= 0; i--)
        {
            if (window[i] != 0)
            {
                return Math.Sign(window[i]) == Math.Sign(drift) ? Math.Sign(drift) * uncovered : 0;
            }
        }

        return 0;
    }

    /// <summary>
    /// With a measured inflow: the tasks it needs alive at the measured per-task rate (one a unit until measured), less
    /// those alive or starting. Unlike the learned drift's stream this needs no memory of a surge: while nothing
    /// arrives nothing is kept alive, so consumers that leave an empty queue are not relaunched to wait for the next
    /// surge; while items arrive, the capacity for them is there before the queue shows them.
    /// </summary>
    private static double InflowStream(double drift, double taskRate, double err, ControllerInput input)
    {
        if (drift >= 0 || err > 0)
        {
            return 0;
        }

        var alive = input.RunningCoolers + input.InFlightCoolers;
        var needed = -drift / (taskRate > 0 ? taskRate : 1);
        var uncovered = needed - alive;
        return uncovered < 0.5 ? 0 : -uncovered;
    }

    /// <summary>
    /// Run-to-completion: what one effective task of ours takes off the error per step while it has work, smoothed
    /// over the steps that show it: the error stood beyond the target on the same side at both ends of the step (so
    /// the tasks never ran out of work), and tasks of the kind that close it were effective at the step's start.
    /// What the metric would have done alone (the learned drift) is added back, so a queue that fills while its
    /// consumers work does not make them look slow. With the stream off, or for a pool, nothing is learned.
    /// </summary>
    private double LearnTaskRate(ControllerState state, ControllerInput input, double drift)
    {
        if ((!settings.DriftStream && input.Inflow is null) || settings.Mode == ControllerMode.LongRunning || state.LastError is not { } last)
        {
            return 0;
        }

        var err = input.Error;
        var side = Math.Sign(err);
        var (servingAtStart, servingAtEnd) = Effective(state, input, lowering: -side);
        if (side == 0 || Math.Sign(last) != side || servingAtStart <= 0 || input.Starved)
        {
            return state.TaskRate;
        }

        // Tasks that turned effective during the step served part of it: a burst's consumers come up together, and
        // crediting their work to the few effective at the start made a consumer look three times as fast as it is.
        var serving = (servingAtStart + Math.Max(0, servingAtEnd)) / 2.0;

        // Error units towards the target per step: the tasks' work plus the drift they also had to absorb.
        var closed = side * (last - err) + Math.Max(0, side * drift);
        var observed = closed / serving;
        if (observed <= 0)
        {
            return state.TaskRate;
        }

        return state.TaskRate == 0 ? observed : state.TaskRate + TaskRateSmoothing * (observed - state.TaskRate);
    }

    /// <summary>
    /// Effective coolers less effective warmers at the step's start and end, for <paramref name="lowering"/> = +1 (the
    /// tasks that lower the metric); the other way round for −1.
    /// </summary>
    private static (int AtStart, int AtEnd) Effective(ControllerState state, ControllerInput input, int lowering) =>
        (lowering * state.LastServing, lowering * (input.RunningCoolers - input.RunningWarmers));

    /// <summary>Weight of each new observation in the task rate.</summary>
    private const double TaskRateSmoothing = 0.2;

    /// <summary>Weight of each new clean sample in the drift estimate (about the last three count).</summary>
    private const double DriftSmoothing = 0.3;

    /// <summary>Weight of a clean sample that shows the drift stronger than estimated (Poisson noise keeps it below 1).</summary>
    private const double SurgeSmoothing = 0.7;

    /// <summary>Share of the drift estimate lost on each step that cannot measure it (half-life about 35 steps).</summary>
    private const double DriftFade = 0.02;

    private int LeadSamples => Math.Max(1, (int)Math.Ceiling(settings.EffectDelay / settings.Delay));

    /// <summary>
    /// Long-running: an instance started now serves only after the effect delay, so while the target rises,
    /// start what the target will need by then. A falling target earns nothing: a kill acts at once, and
    /// killing ahead of the target only opens a gap below it. The lead never turns the step against the error.
    /// </summary>
    private double TargetLead(ImmutableArray<double> targets, double err, double raw)
    {
        var horizon = settings.EffectDelay / settings.Delay;
        if (horizon <= 0 || targets.Length < 2 || settings.Mode != ControllerMode.LongRunning || err < 0 || raw < 0)
        {
            return 0;
        }

        // The slowest rise of the recent steps: a steady trend, not a jump. A target that jumped once has
        // already been met by the gap it opened, and leading it would start the jump a second time.
        var span = targets.AsSpan();
        var slope = double.PositiveInfinity;
        for (var i = 1; i < span.Length; i++)
        {
            slope = Math.Min(slope, span[i] - span[i - 1]);
        }

        return slope > 0 ? slope * horizon : 0;
    }

    private static bool InCooldown(DateTimeOffset? last, TimeSpan cooldown, DateTimeOffset now) =>
        last is { } at && cooldown > TimeSpan.Zero && now - at < cooldown;
}
