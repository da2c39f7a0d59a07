using System.Globalization;
using System.Net;
using System.Text.Json;

namespace RelayMesos.EndToEnd.Tests.Web;

[Collection(ObservedRunCollection.Name)]
public sealed class WebApiTests(ObservedRunFixture fixture)
{
    private RelayMesosRun Run => fixture.Run;

    [Fact]
    public async Task Healthz_answers_200_while_the_process_is_up()
    {
        using var response = await Run.Http.GetAsync("healthz");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Status_shows_the_leader_its_framework_and_the_last_decision()
    {
        var status = await RelayMesosRun.EventuallyAsync(
            async () => await Run.GetJsonAsync("api/status") is { } s && s.GetProperty("subscribed").GetBoolean() && s.GetProperty("lastDecision").ValueKind == JsonValueKind.Object ? (object)s : null,
            "a subscribed leader with a decision");
        var s = (JsonElement)status;
        Assert.Equal("leader", s.GetProperty("role").GetString());
        var instance = s.GetProperty("instanceId").GetString();
        Assert.False(string.IsNullOrEmpty(instance));
        Assert.Equal(instance, s.GetProperty("leader").GetProperty("instanceId").GetString());
        Assert.Matches("^[0-9a-f-]+-0000$", s.GetProperty("frameworkId").GetString());
        Assert.StartsWith("http://127.0.0.1:", s.GetProperty("master").GetString(), StringComparison.Ordinal);
        Assert.False(s.GetProperty("paused").GetBoolean());
        var decision = s.GetProperty("lastDecision");
        Assert.True(decision.GetProperty("step").GetInt64() > 0);
        Assert.InRange(decision.GetProperty("sp").GetDouble(), 1, 7);
        Assert.Equal(JsonValueKind.Object, s.GetProperty("tasks").ValueKind);
    }

    [Fact]
    public async Task Readyz_is_200_once_the_leader_is_subscribed()
    {
        var body = await RelayMesosRun.EventuallyAsync(
            async () =>
            {
                using var response = await Run.Http.GetAsync("readyz");
                var text = await response.Content.ReadAsStringAsync();
                return response.StatusCode == HttpStatusCode.OK ? text : null;
            },
            "/readyz to answer 200");
        using var json = JsonDocument.Parse(body);
        Assert.True(json.RootElement.GetProperty("ready").GetBoolean());
        Assert.Equal("leader", json.RootElement.GetProperty("role").GetString());
    }

    [Fact]
    public async Task Tasks_lists_the_launched_workers_with_mesos_state_names()
    {
        var tasks = await RelayMesosRun.EventuallyAsync(
            async () => await Run.GetJsonAsync("api/tasks") is { } t && t.GetArrayLength() > 0 ? (object)t : null,
            "a launched task");
        var first = ((JsonElement)tasks)[0];
        Assert.StartsWith("relay-warmer-", first.GetProperty("taskId").GetString(), StringComparison.Ordinal);
        Assert.Equal("Warmer", first.GetProperty("kind").GetString());
        Assert.Matches("^TASK_[A-Z_]+$", first.GetProperty("state").GetString());
    }

    [Fact]
    public async Task History_reads_the_journal_and_filters_by_step_and_by_time()
    {
        var all = await RelayMesosRun.EventuallyAsync(
            async () => await Run.GetJsonAsync("api/history") is { } h && h.GetProperty("entries").GetArrayLength() >= 5 ? (object)h : null,
            "five journaled steps");
        var history = (JsonElement)all;
        Assert.Equal("journal", history.GetProperty("source").GetString());
        var steps = history.GetProperty("entries").EnumerateArray().Where(e => e.GetProperty("kind").GetString() == "step").ToList();
        Assert.Equal(steps.Select(e => e.GetProperty("step").GetInt64()), steps.Select(e => e.GetProperty("step").GetInt64()).Order());
        Assert.Contains(steps, e => e.GetProperty("source").GetString() == "journal");

        var pivot = steps[2];
        var afterStep = await Run.GetJsonAsync($"api/history?since={pivot.GetProperty("step").GetInt64()}");
        Assert.All(afterStep.GetProperty("entries").EnumerateArray(), e => Assert.True(e.GetProperty("step").GetInt64() > pivot.GetProperty("step").GetInt64()));
        Assert.DoesNotContain(afterStep.GetProperty("entries").EnumerateArray(), e => e.GetProperty("step").GetInt64() <= 3);

        var at = pivot.GetProperty("at").GetDateTimeOffset();
        var afterTime = await Run.GetJsonAsync($"api/history?since={Uri.EscapeDataString(at.ToString("O", CultureInfo.InvariantCulture))}");
        var times = afterTime.GetProperty("entries").EnumerateArray().Select(e => e.GetProperty("at").GetDateTimeOffset()).ToList();
        Assert.NotEmpty(times);
        Assert.All(times, t => Assert.True(t > at));

        using var bad = await Run.Http.GetAsync("api/history?since=yesterday-ish");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("since must be a step number or an ISO 8601 time", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Operator_actions_are_refused_with_403_when_no_token_file_is_configured()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/actions/pause");
        request.Headers.Authorization = new("Bearer", "anything");
        using var response = await Run.Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("operator actions are disabled: set relay.web.token-file", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Each_decision_is_one_json_log_line_with_pv_sp_err_mv_in_flight_and_launches()
    {
        var line = await RelayMesosRun.EventuallyAsync(
            () => Task.FromResult(Run.Output.Split('\n').FirstOrDefault(l => l.Contains("\"step ", StringComparison.Ordinal) && l.Contains("RelayController", StringComparison.Ordinal))),
            "a decision log line");
        using var json = JsonDocument.Parse(line);
        var state = json.RootElement.GetProperty("State");
        foreach (var field in new[] { "Step", "Pv", "Sp", "Err", "Mv", "InFlight", "Launches" })
        {
            Assert.True(state.TryGetProperty(field, out _), $"{field} missing from {line}");
        }

        Assert.Equal("Information", json.RootElement.GetProperty("LogLevel").GetString());
    }
}
