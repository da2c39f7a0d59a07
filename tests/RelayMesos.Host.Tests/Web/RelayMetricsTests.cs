using System.Text;
using RelayMesos.Control.Controllers;
using RelayMesos.Framework.Actors;
using RelayMesos.Framework.Settings;
using RelayMesos.Host.Web;

namespace RelayMesos.Host.Tests.Web;

public sealed class RelayMetricsTests
{
    [Fact]
    public async Task Every_loop_has_its_own_series_under_a_loop_label_and_the_unlabelled_ones_stay_the_first_loops()
    {
        var observer = new RelayObserver(["invoices", "orders"]);
        var metrics = new RelayMetrics(observer);
        observer.Record(Step("invoices", pv: 7, sp: 5, mv: -2));
        observer.Record(Step("orders", pv: 1, sp: 4, mv: 3));
        observer.Record(new DemandProgress(TaskKind.Warmer, 3, 2, Starved: false, Loop: "orders"));
        observer.Record(new SampleFailed("metric: exit 1", DateTimeOffset.UtcNow, "orders"));
        observer.Record(new OperatorState(Paused: true, TargetOverride: null, Loop: "orders"));

        var text = await Scrape(metrics);

        Assert.Contains("relay_mesos_loop_pv{loop=\"invoices\"} 7", text);
        Assert.Contains("relay_mesos_loop_pv{loop=\"orders\"} 1", text);
        Assert.Contains("relay_mesos_loop_mv{loop=\"orders\"} 3", text);
        Assert.Contains("relay_mesos_loop_demand_remaining{loop=\"orders\"} 2", text);
        Assert.Contains("relay_mesos_loop_sample_failures_total{loop=\"orders\"} 1", text);
        Assert.Contains("relay_mesos_loop_paused{loop=\"orders\"} 1", text);
        Assert.Contains("relay_mesos_loop_paused{loop=\"invoices\"} 0", text);
        Assert.Contains("\nrelay_mesos_pv 7", text);
        Assert.Contains("\nrelay_mesos_paused 0", text);
    }

    [Fact]
    public async Task A_loop_that_has_not_stepped_has_no_pv_sp_or_mv_series()
    {
        var observer = new RelayObserver(["invoices", "orders"]);
        var metrics = new RelayMetrics(observer);
        observer.Record(Step("invoices", pv: 7, sp: 5, mv: -2));

        var text = await Scrape(metrics);

        Assert.DoesNotContain("relay_mesos_loop_pv{loop=\"orders\"}", text);
        Assert.Contains("relay_mesos_loop_running_tasks{loop=\"orders\"} 0", text);
    }

    private static DecisionMade Step(string loop, double pv, double sp, int mv) =>
        new(new ControllerInput(sp, pv, DateTimeOffset.UtcNow), new ControllerDecision(mv, sp - pv, 1, sp - pv, DecisionReason.ControlLaw), Math.Max(0, mv), 1, loop);

    private static async Task<string> Scrape(RelayMetrics metrics)
    {
        using var stream = new MemoryStream();
        await metrics.Registry.CollectAndExportAsTextAsync(stream);
        return Encoding.UTF8.GetString(stream.ToArray());
    }
}
