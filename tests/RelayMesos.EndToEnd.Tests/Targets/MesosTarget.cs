using System.Text.Json;

namespace RelayMesos.EndToEnd.Tests.Targets;

/// <summary>
/// A Mesos master that outlives the relay-mesos processes under test, as a real cluster would: our embedded
/// cluster or a real Apache Mesos. Both serve the scheduler API and /master/state, so a test reads the
/// same JSON from either.
/// </summary>
public abstract class MesosTarget : IAsyncDisposable
{
    private readonly HttpClient _http = new();

    /// <summary>"embedded" or "real-mesos", as the theories name them.</summary>
    public abstract string Name { get; }

    /// <summary>The master's base URL without a trailing slash, as relay.mesos.master takes it.</summary>
    public abstract string Master { get; }

    public async Task<JsonElement> StateAsync()
    {
        using var state = JsonDocument.Parse(await _http.GetStringAsync(Master + "/master/state"));
        return state.RootElement.Clone();
    }

    /// <summary>Task ids of a framework (by name) in a state, e.g. TASK_RUNNING.</summary>
    public async Task<IReadOnlyList<string>> TasksAsync(string frameworkName, string state = "TASK_RUNNING") =>
        (await TaskElementsAsync(frameworkName))
            .Where(t => t.GetProperty("state").GetString() == state)
            .Select(t => t.GetProperty("id").GetString()!)
            .Order(StringComparer.Ordinal)
            .ToList();

    /// <summary>The live and finished tasks of a framework (by name, registered or completed) as /master/state shows them.</summary>
    public async Task<IReadOnlyList<JsonElement>> TaskElementsAsync(string frameworkName, bool completedTasks = false)
    {
        var root = await StateAsync();
        return root.GetProperty("frameworks").EnumerateArray().Concat(root.GetProperty("completed_frameworks").EnumerateArray())
            .Where(f => f.GetProperty("name").GetString() == frameworkName)
            .SelectMany(f => f.GetProperty(completedTasks ? "completed_tasks" : "tasks").EnumerateArray())
            .ToList();
    }

    public async Task<JsonElement?> FrameworkAsync(string name, bool completed = false)
    {
        var root = await StateAsync();
        foreach (var framework in root.GetProperty(completed ? "completed_frameworks" : "frameworks").EnumerateArray())
        {
            if (framework.GetProperty("name").GetString() == name)
            {
                return framework;
            }
        }

        return null;
    }

    /// <summary>The operator API's MARK_AGENT_GONE, which both masters serve at /api/v1.</summary>
    public async Task MarkAgentGoneAsync(string agentId)
    {
        using var body = new StringContent(
            JsonSerializer.Serialize(new { type = "MARK_AGENT_GONE", mark_agent_gone = new { agent_id = new { value = agentId } } }),
            System.Text.Encoding.UTF8);
        // Exactly application/json: Mesos answers 415 to "application/json; charset=utf-8".
        body.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        using var response = await _http.PostAsync(Master + "/api/v1", body);
        response.EnsureSuccessStatusCode();
    }

    /// <summary>Makes an agent stop answering the master, as a lost host would.</summary>
    public abstract Task LoseAgentAsync(string agentId);

    public async Task<T> EventuallyAsync<T>(Func<Task<T>> probe, Func<T, bool> done, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + TestKit.TestTimeFactor.Dilate(timeout);
        var last = await probe();
        while (!done(last))
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{what} did not happen within {timeout} on {Name}; last value: {JsonSerializer.Serialize(last)}");
            }

            await Task.Delay(100);
            last = await probe();
        }

        return last;
    }

    /// <summary>
    /// Runs a test body against this target; when it fails, the target's logs are kept and their tail
    /// joins the failure, so a difference between the targets can be read from the test's own output.
    /// </summary>
    public async Task CheckAsync(Func<Task> test)
    {
        try
        {
            await test();
        }
        catch (Exception ex)
        {
            throw new TargetTestFailedException($"On {Name}: {ex.Message}\n{OnFailure()}", ex);
        }
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await DisposeTargetAsync();
        GC.SuppressFinalize(this);
    }

    /// <summary>Keeps what explains a failure and says where it is.</summary>
    protected abstract string OnFailure();

    protected abstract ValueTask DisposeTargetAsync();
}
