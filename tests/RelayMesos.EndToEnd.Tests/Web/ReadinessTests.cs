using System.Net;
using System.Net.Sockets;
using System.Text.Json;

namespace RelayMesos.EndToEnd.Tests.Web;

/// <summary>/readyz says 503, and why, when the instance could not do its job; the process itself stays up.</summary>
public sealed class ReadinessTests
{
    [Fact]
    public async Task A_leader_whose_master_is_down_is_not_ready_says_why_and_keeps_running()
    {
        await using var run = await RelayMesosRun.StartAsync(null, $"relay.mesos.master=http://127.0.0.1:{ClosedPort()}");

        var reason = await RelayMesosRun.EventuallyAsync(
            async () =>
            {
                using var response = await run.Http.GetAsync("/readyz");
                if (response.StatusCode != HttpStatusCode.ServiceUnavailable)
                {
                    return null;
                }

                using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
                Assert.False(json.RootElement.GetProperty("ready").GetBoolean());
                var text = json.RootElement.GetProperty("reason").GetString();
                return text is not null && text.StartsWith("leading but not subscribed", StringComparison.Ordinal) ? text : null;
            },
            "/readyz to say the leader is not subscribed");

        Assert.DoesNotContain("   at ", reason, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await run.Http.GetAsync("/healthz")).StatusCode);
        Assert.False(run.Process.HasExited, run.Process.Tail());
    }

    private static int ClosedPort()
    {
        // Bind and release: nothing listens there afterwards, so connections are refused at once.
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
