using RelayMesos.Control.Controllers;

namespace RelayMesos.Control.Simulation.Tests;

/// <summary>The consumer-queue plant (the real-plant bench as a model) and its clairvoyant oracle.</summary>
public class ConsumerQueueTests
{
    [Fact]
    public void Arrivals_are_the_same_for_a_seed_and_follow_the_profile()
    {
        var steady = ArrivalProfile.Get("steady");
        Assert.Equal(steady.Arrivals(4, 60), steady.Arrivals(4, 60));
        Assert.NotEqual(steady.Arrivals(4, 60), steady.Arrivals(5, 60));
        Assert.InRange(steady.Arrivals(4, 60).Count, 8 * 60 * 0.85, 8 * 60 * 1.15);

        var onOff = ArrivalProfile.Get("on-off").Arrivals(4, 60);
        Assert.DoesNotContain(onOff, t => t % 20 >= 10);
        Assert.Throws<ArgumentException>(() => ArrivalProfile.Get("tide"));
    }

    [Fact]
    public void Consumers_start_late_serve_one_item_per_service_time_and_leave_when_idle()
    {
        // on-off: 12 items a second for 10 s, then nothing. Two consumers at 4 items a second cannot keep up while
        // it is on; they start 0.5 s after launch and take their first item 1 s later.
        // Launched at once and no request cost, so that only the consumer's own shape shows (the offer cycle is below).
        var scenario = new ScenarioCatalog().Get("plant-on-off") with { Steps = 60, LaunchLatency = 0.5, OfferInterval = 0, SpawnSeconds = 0, RequestSeconds = 0, RequestPerConsumer = 0, StatusLag = 0 };
        var arrivals = ArrivalProfile.Get("on-off").Arrivals(7, 30);
        var plant = new ConsumerQueuePlant(scenario, 7);
        plant.Apply(-2);
        Assert.Equal((0, 2), (plant.Count(warmer: false, effective: true), plant.Count(warmer: false, effective: false)));
        plant.Advance();
        plant.Advance();
        Assert.Equal(arrivals.Count(t => t <= plant.Time + 1e-9), plant.Metric);
        Assert.Equal(2, plant.Count(warmer: false, effective: false));

        while (plant.Time < 10 - 1e-9)
        {
            plant.Advance();
        }

        var served = arrivals.Count(t => t <= plant.Time + 1e-9) - plant.Metric;
        Assert.InRange(served, 2 * 8.5 / 0.25 - 2, 2 * 8.5 / 0.25 + 2);
        Assert.Equal(2, plant.Alive);

        // Off from 10 s to 20 s: what is left (70 for this seed) goes at 8 a second, and the consumers a second later.
        while (plant.Time < 20 - 1e-6)
        {
            plant.Advance();
        }

        Assert.True((0, 0) == (plant.Metric, plant.Alive), $"at {plant.Time}: queue {plant.Metric}, {plant.Alive} alive; {arrivals.Count(t => t < 10)} arrived by 10 s");
        Assert.Equal(2, plant.Launches);
        Assert.Equal(2, plant.Peak);
    }

    [Fact]
    public void Launches_wait_for_an_offer_round_and_only_the_latest_demand_is_held()
    {
        // Calibrated to the bench: offer rounds every second (one at once when demand returns), processes started
        // one after another, the task table a second behind. A demand replaced before a round is never launched.
        var scenario = new ScenarioCatalog().Get("plant-steady");
        var plant = new ConsumerQueuePlant(scenario, 3);
        plant.Apply(-5);
        Assert.Equal(0, plant.Launches);
        Assert.False(plant.DemandStarved);
        plant.Advance();

        // The REVIVE's round came within the step: all five accepted, none yet counted as running.
        Assert.Equal(5, plant.Launches);
        Assert.Equal((0, 5), (plant.Count(warmer: false, effective: true), plant.Count(warmer: false, effective: false)));

        // Two demands between rounds: the second replaces the first, and the unmet one is reported starved.
        plant.Apply(-7);
        plant.Apply(-2);
        Assert.True(plant.DemandStarved);
        while (plant.Launches == 5)
        {
            plant.Advance();
        }

        Assert.Equal(7, plant.Launches);
        Assert.False(plant.DemandStarved);

        // Effective only after spawn, start-up and the status lag: about 2.4 s after the first round.
        while (plant.Count(warmer: false, effective: true) < 5)
        {
            plant.Advance();
        }

        Assert.InRange(plant.Time, scenario.StartupDelay + scenario.StatusLag, scenario.StartupDelay + scenario.StatusLag + 5 * scenario.SpawnSeconds + 1.5);
    }

    [Fact]
    public void A_crowd_of_consumers_makes_each_slower_to_leave()
    {
        // Measured on the bench (consumers.csv of 24 runs, quiet machine): a bash consumer's request costs 2.9 ms + 0.18 ms
        // per live consumer, so one that never gets an item leaves 2.05 s after its start beside 4 others (1 s start-up,
        // ten empty polls of 0.1 s, the bye) and 2.25 s beside 79.
        static double Lifetime(int consumers)
        {
            // No arrivals at all (a run of no steps draws none), launched at once: every consumer idles from its start.
            // Steps of one tick, so that the plant is read at its own resolution.
            var scenario = new ScenarioCatalog().Get("plant-on-off") with { Steps = 0, OfferInterval = 0, SpawnSeconds = 0, LaunchLatency = 0, StepSeconds = 0.05 };
            var plant = new ConsumerQueuePlant(scenario, 1);
            plant.Apply(-consumers);
            while (plant.Alive > 0 && plant.Time < 60)
            {
                plant.Advance();
            }

            return plant.Time;
        }

        var few = Lifetime(5);
        var many = Lifetime(80);
        Assert.InRange(few, 1.95, 2.15);
        Assert.InRange(many, 2.1, 2.35);
        Assert.True(many > few, $"80 consumers left after {many:F2} s, 5 after {few:F2} s");
    }

    [Fact]
    public void A_demand_that_grows_after_a_round_is_launched_at_the_next_round()
    {
        // The ACCEPT refuses nothing (refuse_seconds 0): what a round left over comes back at the next round, however
        // late the ACCEPT reached the master. Before, the master filtered it for 30 s and a REVIVE that overtook the
        // ACCEPT cleared nothing (measured: 14 consumers for 7 s while the on-off queue grew from 33 to 96).
        var scenario = new ScenarioCatalog().Get("plant-steady");
        var plant = new ConsumerQueuePlant(scenario, 3);
        plant.Apply(-3);
        plant.Advance();
        Assert.Equal(3, plant.Launches);

        // Met, then more at once (the framework SUPPRESSes, then REVIVEs): the next round launches all of it.
        plant.Apply(0);
        plant.Apply(-10);
        var asked = plant.Time;
        while (plant.Launches == 3 && plant.Time < asked + 30)
        {
            plant.Advance();
            plant.Apply(-10);
        }

        Assert.Equal(13, plant.Launches);
        Assert.InRange(plant.Time - asked, 0, scenario.OfferInterval + scenario.StepSeconds);

        // A demand that stays unmet while the cluster is full is not refused either: it takes each freed slot. No
        // arrivals (a run of no steps draws none), so the first consumers leave after their idle exit.
        var full = new ConsumerQueuePlant(scenario with { Slots = 4, Steps = 0 }, 3);
        full.Apply(-6);
        full.Advance();
        Assert.Equal(4, full.Launches);
        while (full.Launches == 4 && full.Time < 30)
        {
            full.Advance();
            full.Apply(-2);
        }

        Assert.True(full.Launches > 4, "a freed slot went unused");
        Assert.True(full.Time < 30, $"the first freed slot was used only at {full.Time:F1} s");
    }

    [Fact]
    public void The_oracle_is_never_worse_than_any_algorithm_on_queue_time()
    {
        var report = ControllerBenchmark.Run(new ScenarioCatalog(), ControllerSettings.Default, 1);
        Assert.Equal(4, report.Oracles.Length);
        foreach (var oracle in report.Oracles)
        {
            Assert.All(report.Rows.Where(r => r.Scenario == oracle.Scenario), r =>
                Assert.True(oracle.Iae <= r.Iae, $"{oracle.Scenario}: oracle {oracle.Iae:F1} above {r.Algorithm} {r.Iae:F1}"));
        }

        Assert.Contains("IAE / oracle", report.ToTable());
    }

    [Fact]
    public void On_the_bench_model_relay_beats_relay_classic_on_queue_time_with_fewer_launches_and_less_worker_time()
    {
        // Issue 16's targets on the calibrated model (seeds 1–3, means): launches and worker time at most relay-classic's
        // everywhere (0.51–0.77 and 0.63–0.92 now), queue time never worse (0.81 burst, 0.65 on-off, 0.94 ramp, 0.92
        // steady), and under 0.8 on on-off, where the standby kept through the off spells meets every surge. Burst, ramp
        // and steady miss 0.8 on the real bench too; the oracle shows why (README, "Controller on a real queue").
        var report = ControllerBenchmark.Run(1, 2, 3);
        Assert.All(ArrivalProfile.Names.Select(p => "plant-" + p), s =>
        {
            Assert.True(report.IaeRatio(s, ControllerAlgorithm.RelayClassic) <= (s == "plant-on-off" ? 0.8 : 1), $"{s}: IAE relay/classic\n{report.ToTable()}");
            Assert.True(report.LaunchRatio(s, ControllerAlgorithm.RelayClassic) <= 1, $"{s}: launches relay/classic\n{report.ToTable()}");
            Assert.True(report.TaskSecondsRatio(s, ControllerAlgorithm.RelayClassic) <= 1, $"{s}: task-s relay/classic\n{report.ToTable()}");
        });
    }
}
