using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace RelayMesos.EndToEnd.Tests.Web;

/// <summary>A run of two loops, operated one loop at a time through the HTTP API.</summary>
public sealed class LoopOperatorTests : IAsyncLifetime
{
    private const string Token = "loop-token-3e8a41c07d";
    private RelayMesosRun _run = null!;

    public async Task InitializeAsync() => _run = await RelayMesosRun.StartAsync(
        Token, "relay.loops.alpha.controller.delay=200ms", "relay.loops.beta.controller.delay=200ms", "relay.loops.beta.warmer=\"sleep 3\"");

    public async Task DisposeAsync() => await _run.DisposeAsync();

    [Fact]
    public async Task Each_loop_steps_on_its_own_and_pausing_one_leaves_the_other_stepping()
    {
        await RelayMesosRun.EventuallyAsync(async () => await StepAsync("alpha") > 2 && await StepAsync("beta") > 2 ? "stepping" : null, "both loops stepping");
        var loops = (await _run.GetJsonAsync("api/loops")).EnumerateArray().Select(l => l.GetProperty("name").GetString()).ToList();
        Assert.Equal(["alpha", "beta"], loops);
        Assert.Contains("Framework starting: 2 loops (alpha: ", _run.Output, StringComparison.Ordinal);

        using (var refused = await PostAsync("api/loops/beta/pause", token: null))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        }

        using (var unknown = await PostAsync("api/loops/gamma/pause", Token))
        {
            Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        }

        using (var pause = await PostAsync("api/loops/beta/pause", Token))
        {
            Assert.Equal(HttpStatusCode.OK, pause.StatusCode);
            var answer = JsonDocument.Parse(await pause.Content.ReadAsStringAsync()).RootElement;
            Assert.Equal("beta", answer.GetProperty("loop").GetString());
            Assert.True(answer.GetProperty("paused").GetBoolean());
        }

        var beta = await RelayMesosRun.EventuallyAsync(
            async () => await _run.GetJsonAsync("api/loops/beta") is { } l && l.GetProperty("paused").GetBoolean() ? (object)l : null, "beta shown paused");
        var (alphaAt, betaAt) = (await StepAsync("alpha"), await StepAsync("beta"));
        await RelayMesosRun.EventuallyAsync(async () => await StepAsync("alpha") > alphaAt + 5 ? "stepping" : null, "alpha stepping on");
        Assert.Equal(betaAt, await StepAsync("beta"));
        Assert.False((await _run.GetJsonAsync("api/loops/alpha")).GetProperty("paused").GetBoolean());
        Assert.False((await _run.GetJsonAsync("api/status")).GetProperty("paused").GetBoolean());

        using (var resume = await PostAsync("api/loops/beta/resume", Token))
        {
            Assert.Equal(HttpStatusCode.OK, resume.StatusCode);
        }

        await RelayMesosRun.EventuallyAsync(async () => await StepAsync("beta") > betaAt + 2 ? "stepping" : null, "beta stepping after resume");
        var tasks = await RelayMesosRun.EventuallyAsync(
            async () => (await _run.GetJsonAsync("api/tasks")).EnumerateArray().Select(t => t.GetProperty("loop").GetString()).Distinct().Order().ToList() is { Count: 2 } l ? l : null,
            "tasks of both loops");
        Assert.Equal(["alpha", "beta"], tasks);
        Assert.DoesNotContain(Token, _run.Output, StringComparison.Ordinal);
    }

    private async Task<long> StepAsync(string loop) =>
        (await _run.GetJsonAsync($"api/loops/{loop}")).GetProperty("lastDecision") is { ValueKind: JsonValueKind.Object } d ? d.GetProperty("step").GetInt64() : 0;

    private async Task<HttpResponseMessage> PostAsync(string path, string? token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path);
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return await _run.Http.SendAsync(request);
    }
}
