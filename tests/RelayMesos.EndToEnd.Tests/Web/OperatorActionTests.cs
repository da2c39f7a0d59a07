using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace RelayMesos.EndToEnd.Tests.Web;

/// <summary>Operator actions against their own run (pausing would disturb the read-only tests).</summary>
public sealed class OperatorActionTests : IAsyncLifetime
{
    private const string Token = "op-token-7f3c9a1e5b";
    private RelayMesosRun _run = null!;

    public async Task InitializeAsync() => _run = await RelayMesosRun.StartAsync(Token);

    public async Task DisposeAsync() => await _run.DisposeAsync();

    [Fact]
    public async Task Actions_need_the_token_pause_stops_decisions_and_a_target_override_shows_in_status_and_history()
    {
        await RelayMesosRun.EventuallyAsync(async () => await StepAsync() > 2 ? "stepping" : null, "the first steps");

        using (var missing = await PostAsync("api/actions/pause", token: null))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, missing.StatusCode);
            Assert.Equal("Bearer", missing.Headers.WwwAuthenticate.Single().Scheme);
        }

        using (var wrong = await PostAsync("api/actions/pause", token: "not-" + Token))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        }

        Assert.False((await _run.GetJsonAsync("api/status")).GetProperty("paused").GetBoolean());

        using (var pause = await PostAsync("api/actions/pause", Token))
        {
            Assert.Equal(HttpStatusCode.OK, pause.StatusCode);
            Assert.True(JsonDocument.Parse(await pause.Content.ReadAsStringAsync()).RootElement.GetProperty("paused").GetBoolean());
        }

        var pausedAt = await StepAsync();
        var status = await RelayMesosRun.EventuallyAsync(
            async () => await _run.GetJsonAsync("api/status") is { } s && s.GetProperty("demand").GetProperty("wanted").GetInt32() == 0 ? (object)s : null,
            "demand 0 while paused");
        Assert.True(((JsonElement)status).GetProperty("paused").GetBoolean());
        await Task.Delay(1000); // five loop periods: a running controller would have stepped
        Assert.Equal(pausedAt, await StepAsync());
        Assert.Equal(1, PrometheusTextParser.Parse(await _run.Http.GetStringAsync("metrics")).Single("relay_mesos_paused"));

        using (var target = await PostAsync("api/actions/target", Token, """{"value": 2.5}"""))
        {
            Assert.Equal(HttpStatusCode.OK, target.StatusCode);
        }

        using (var resume = await PostAsync("api/actions/resume", Token))
        {
            Assert.Equal(HttpStatusCode.OK, resume.StatusCode);
        }

        await RelayMesosRun.EventuallyAsync(async () => await StepAsync() > pausedAt + 2 ? "stepping" : null, "steps after resume");
        var resumed = await _run.GetJsonAsync("api/status");
        Assert.False(resumed.GetProperty("paused").GetBoolean());
        Assert.Equal(2.5, resumed.GetProperty("targetOverride").GetDouble());
        Assert.Equal(2.5, resumed.GetProperty("lastDecision").GetProperty("sp").GetDouble());

        var history = (await _run.GetJsonAsync($"api/history?since={pausedAt - 1}")).GetProperty("entries").EnumerateArray().ToList();
        var kinds = history.Select(e => e.GetProperty("kind").GetString()).ToList();
        Assert.Equal(["paused", "target-overridden", "resumed"], kinds.Where(k => k != "step"));
        Assert.Equal(2.5, history.Last(e => e.GetProperty("kind").GetString() == "step").GetProperty("sp").GetDouble());

        using (var bad = await PostAsync("api/actions/target", Token, """{"value": "warm"}"""))
        {
            Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        }

        using (var clear = await PostAsync("api/actions/target", Token, """{"value": null}"""))
        {
            Assert.Equal(HttpStatusCode.OK, clear.StatusCode);
        }

        Assert.Equal(JsonValueKind.Null, (await _run.GetJsonAsync("api/status")).GetProperty("targetOverride").ValueKind);
        Assert.Contains("Controller paused by an operator", _run.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(Token, _run.Output, StringComparison.Ordinal);
    }

    private async Task<long> StepAsync() =>
        (await _run.GetJsonAsync("api/status")).GetProperty("lastDecision") is { ValueKind: JsonValueKind.Object } d ? d.GetProperty("step").GetInt64() : 0;

    private async Task<HttpResponseMessage> PostAsync(string path, string? token, string? json = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path);
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        return await _run.Http.SendAsync(request);
    }
}
