using System.Text.Json;

namespace RelayMesos.EndToEnd.Tests.MasterFailover;

/// <summary>
/// What the leading master's <c>/master/state</c> says of one framework: its id and principal, and each task's state and
/// when it first ran by the agent's clock.
/// </summary>
internal sealed record MasterTaskView(string? FrameworkId, string? Principal, IReadOnlyDictionary<string, MasterTask> Tasks)
{
    public IReadOnlyList<MasterTask> Running => Tasks.Values.Where(t => t.State == "TASK_RUNNING").ToList();

    public static async Task<MasterTaskView> ReadAsync(HttpClient http, Uri leader, string frameworkName)
    {
        using var document = JsonDocument.Parse(await http.GetStringAsync(new Uri(leader, "master/state")));
        var tasks = new Dictionary<string, MasterTask>(StringComparer.Ordinal);
        string? id = null;
        string? principal = null;
        foreach (var framework in document.RootElement.GetProperty("frameworks").EnumerateArray())
        {
            if (framework.GetProperty("name").GetString() != frameworkName)
            {
                continue;
            }

            id = framework.GetProperty("id").GetString();
            principal = framework.TryGetProperty("principal", out var p) ? p.GetString() : null;
            foreach (var list in new[] { "completed_tasks", "tasks" })
            {
                foreach (var task in framework.GetProperty(list).EnumerateArray())
                {
                    var runningAt = task.GetProperty("statuses").EnumerateArray()
                        .Where(s => s.GetProperty("state").GetString() == "TASK_RUNNING")
                        .Select(s => (DateTimeOffset?)DateTimeOffset.FromUnixTimeMilliseconds((long)(s.GetProperty("timestamp").GetDouble() * 1000)))
                        .FirstOrDefault();
                    var taskId = task.GetProperty("id").GetString()!;
                    tasks[taskId] = new MasterTask(taskId, task.GetProperty("state").GetString()!, runningAt);
                }
            }
        }

        return new MasterTaskView(id, principal, tasks);
    }
}
