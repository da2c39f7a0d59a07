using System.Collections.Immutable;
using RelayMesos.Control.Controllers;

namespace RelayMesos.Control.Simulation;

/// <summary>Runs a controller against a scenario's plant; deterministic for a seed.</summary>
public static class Simulator
{
    /// <summary>
    /// The scenario decides the mode (a queue is run-to-completion, a pool long-running). With <paramref name="inflow"/>,
    /// a plant that counts its arrivals gives the controller their rate over the last step, as an inflow source reading
    /// a cumulative counter does (differenced, divided by the time between the samples).
    /// </summary>
    public static SimulationResult Run(Scenario scenario, ControllerSettings settings, int steps, int seed, bool inflow = false)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(steps);
        var controller = ControllerFactory.Create(settings with { Mode = scenario.Mode });
        IPlant plant = scenario.Plant == PlantKind.ConsumerQueue ? new ConsumerQueuePlant(scenario, seed) : new PlantModel(scenario, new Random(seed));
        var state = ControllerState.Initial;
        var starved = false;
        var origin = DateTimeOffset.UnixEpoch;
        var trace = ImmutableArray.CreateBuilder<SimulationStep>(steps);

        // The real plant's clock starts at the controller's first sample after the framework subscribed: by then the
        // controller has already stepped on the idle queue (its ramp step), which leaves a zero in its error window.
        for (var i = scenario.LeadSteps; i > 0; i--)
        {
            var lead = new ControllerInput(scenario.TargetAt(0), plant.Metric, origin.AddSeconds(-i * scenario.StepSeconds));
            state = controller.Step(state, lead).State;
        }

        var lastArrived = plant.Arrived;
        for (var i = 0; i < steps; i++)
        {
            var time = plant.Time;
            double? rate = null;
            if (inflow && plant.Arrived is { } arrived)
            {
                rate = i == 0 ? 0 : (arrived - (lastArrived ?? 0)) / scenario.StepSeconds;
                lastArrived = arrived;
            }

            var target = scenario.TargetAt(time);
            var input = new ControllerInput(
                target,
                plant.Metric,
                origin.AddSeconds(time),
                RunningWarmers: plant.Count(warmer: true, effective: true),
                InFlightWarmers: plant.Count(warmer: true, effective: false),
                RunningCoolers: plant.Count(warmer: false, effective: true),
                InFlightCoolers: plant.Count(warmer: false, effective: false),
                Starved: plant.DemandStarved ?? starved,
                Inflow: rate);
            var step = controller.Step(state, input);
            state = step.State;
            var (applied, short_) = plant.Apply(step.Decision.Mv);
            starved = short_;
            trace.Add(new SimulationStep(
                i, time, target, input.Metric, input.Error, step.Decision.Mv, applied,
                input.RunningWarmers + input.RunningCoolers, input.InFlightWarmers + input.InFlightCoolers, short_));
            plant.Advance();
        }

        var rows = trace.MoveToImmutable();
        return new SimulationResult(
            scenario.Name, settings.Algorithm, seed,
            plant.IntegratedError ?? rows.Where(r => r.Time >= scenario.ScoreFrom).Sum(r => Math.Abs(r.Error)) * scenario.StepSeconds,
            rows.Sum(r => Math.Abs(r.Error)) * scenario.StepSeconds,
            Overshoot(rows),
            SettlingTime(rows, scenario.StepSeconds),
            plant.Launches,
            plant.TaskSeconds,
            rows)
        { Peak = plant.Peak };
    }

    private static double Overshoot(ImmutableArray<SimulationStep> rows)
    {
        var first = rows.FirstOrDefault(r => r.Error != 0);
        if (first is null)
        {
            return 0;
        }

        var sign = Math.Sign(first.Error);
        return Math.Max(0, rows.Max(r => -sign * r.Error));
    }

    private static double? SettlingTime(ImmutableArray<SimulationStep> rows, double dt)
    {
        var lastOutside = -1;
        for (var i = 0; i < rows.Length; i++)
        {
            if (Math.Abs(rows[i].Error) > Math.Max(1, 0.1 * Math.Abs(rows[i].Target)))
            {
                lastOutside = i;
            }
        }

        return lastOutside == rows.Length - 1 ? null : (lastOutside + 1) * dt;
    }
}
