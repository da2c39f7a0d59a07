using System.Net;

namespace RelayMesos.EndToEnd.Tests.Web;

[Collection(ObservedRunCollection.Name)]
public sealed class MetricsEndpointTests(ObservedRunFixture fixture)
{
    [Fact]
    public async Task Metrics_are_valid_prometheus_text_with_the_relay_mesos_families()
    {
        var exposition = await RelayMesosRun.EventuallyAsync(
            async () =>
            {
                var parsed = PrometheusTextParser.Parse(await fixture.Run.Http.GetStringAsync("metrics"));
                // prometheus-net writes a histogram's buckets and its count one after the other, not as one snapshot: a
                // journal write timed in between makes that one scrape's +Inf bucket and count differ by one. A scraper
                // sees them agree on the next scrape; one that never agrees fails here.
                var inf = parsed.Samples.LastOrDefault(s => s.Name == "relay_mesos_journal_write_seconds_bucket");
                return parsed.Single("relay_mesos_samples_total") >= 3 && parsed.Single("relay_mesos_offers_received_total") > 0
                       && inf is not null && inf.Value == parsed.Single("relay_mesos_journal_write_seconds_count") ? parsed : null;
            },
            "samples and offers in /metrics, and a journal-write histogram whose +Inf bucket is its count");

        using var response = await fixture.Run.Http.GetAsync("metrics");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("0.0.4", response.Content.Headers.ContentType.Parameters.Single(p => p.Name == "version").Value);

        Assert.All(exposition.Types.Keys, name => Assert.StartsWith("relay_mesos_", name, StringComparison.Ordinal));
        Assert.Equal("counter", exposition.Types["relay_mesos_samples_total"]);
        Assert.Equal("gauge", exposition.Types["relay_mesos_pv"]);
        Assert.Equal("histogram", exposition.Types["relay_mesos_journal_write_seconds"]);
        foreach (var name in new[] { "relay_mesos_sample_failures_total", "relay_mesos_sp", "relay_mesos_mv", "relay_mesos_launches_total", "relay_mesos_offers_declined_total", "relay_mesos_leadership_terms_total" })
        {
            Assert.Contains(exposition.Samples, s => s.Name == name);
        }

        Assert.Equal(1, exposition.Single("relay_mesos_leader"));
        Assert.Equal(1, exposition.Single("relay_mesos_leadership_terms_total"));
        Assert.InRange(exposition.Single("relay_mesos_sp"), 1, 7);
        Assert.Contains(exposition.Samples, s => s.Name == "relay_mesos_tasks" && s.Labels["state"] == "TASK_RUNNING");

        var buckets = exposition.Samples.Where(s => s.Name == "relay_mesos_journal_write_seconds_bucket").ToList();
        Assert.Equal("+Inf", buckets[^1].Labels["le"]);
        Assert.Equal(buckets.Select(b => b.Value).Order(), buckets.Select(b => b.Value));
        Assert.Equal(exposition.Single("relay_mesos_journal_write_seconds_count"), buckets[^1].Value);
        Assert.True(exposition.Single("relay_mesos_journal_write_seconds_count") >= exposition.Single("relay_mesos_samples_total") - 1);
    }
}
