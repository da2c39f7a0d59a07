using System.Text.Json;

namespace RelayMesos.EndToEnd.Tests.Failover;

/// <summary>The tasks of one framework in the cluster's <c>/master/state</c>: task id → state name (TASK_RUNNING, ...).</summary>
internal sealed record ClusterTasks(IReadOnlyDictionary<string, string> Tasks)
{
    private static readonly HashSet<string> LiveStates = ["TASK_STAGING", "TASK_STARTING", "TASK_RUNNING", "TASK_KILLING"];

    public IReadOnlySet<string> Running => Tasks.Where(t => t.Value == "TASK_RUNNING").Select(t => t.Key).ToHashSet(StringComparer.Ordinal);

    /// <summary>Tasks that are not terminal yet.</summary>
    public IReadOnlySet<string> Live => Tasks.Where(t => LiveStates.Contains(t.Value)).Select(t => t.Key).ToHashSet(StringComparer.Ordinal);

    public static async Task<ClusterTasks> ReadAsync(HttpClient http, Uri master, string frameworkName)
    {
        using var document = JsonDocument.Parse(await http.GetStringAsync(new Uri(master, "master/state")));
        var tasks = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var framework in document.RootElement.GetProperty("frameworks").EnumerateArray())
        {
            if (framework.GetProperty("name").GetString() != frameworkName)
            {
                continue;
            }

            foreach (var list in new[] { "completed_tasks", "tasks" })
            {
                foreach (var task in framework.GetProperty(list).EnumerateArray())
                {
                    tasks[task.GetProperty("id").GetString()!] = task.GetProperty("state").GetString()!;
                }
            }
        }

        return new ClusterTasks(tasks);
    }
}
