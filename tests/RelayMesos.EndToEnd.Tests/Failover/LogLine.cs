using System.Globalization;
using System.Text.Json;

namespace RelayMesos.EndToEnd.Tests.Failover;

/// <summary>One line of a relay-mesos process's JSON console log (relay.logging.format = json).</summary>
internal sealed record LogLine(DateTimeOffset Timestamp, string Level, string Category, string Message, IReadOnlyDictionary<string, string> State)
{
    /// <summary>Null for lines that are not JSON log entries (a crash's stack trace, the runtime's own output).</summary>
    public static LogLine? TryParse(string text)
    {
        if (!text.StartsWith('{'))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(text);
            var root = document.RootElement;
            var state = new Dictionary<string, string>(StringComparer.Ordinal);
            if (root.TryGetProperty("State", out var stateElement) && stateElement.ValueKind == JsonValueKind.Object)
            {
                foreach (var property in stateElement.EnumerateObject())
                {
                    state[property.Name] = property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString()! : property.Value.GetRawText();
                }
            }

            return new LogLine(
                DateTimeOffset.Parse(root.GetProperty("Timestamp").GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal),
                root.GetProperty("LogLevel").GetString()!,
                root.GetProperty("Category").GetString()!,
                root.GetProperty("Message").GetString()!,
                state);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public long Long(string key) => long.Parse(State[key], CultureInfo.InvariantCulture);

    public bool IsStep => Category.EndsWith(".RelayController", StringComparison.Ordinal) && Message.StartsWith("step ", StringComparison.Ordinal);

    public bool IsLeading => Message.StartsWith("Leading (lease epoch", StringComparison.Ordinal);

    /// <summary>The term ends: the lease was lost, or Akka stopped the singleton (hand-over, downing, lease loss).</summary>
    public bool IsLeadershipLost =>
        Message.StartsWith("Leadership lost", StringComparison.Ordinal) || Message.StartsWith("Singleton of lease epoch", StringComparison.Ordinal);

    /// <summary>A member downed another at once because its connection dropped and its cluster port refuses connections.</summary>
    public bool IsGoneMemberDowned => Message.Contains("refuses connections on its cluster port", StringComparison.Ordinal);

    public bool IsJoined => Message.StartsWith("Joined the Akka cluster as", StringComparison.Ordinal);

    public bool IsSubscribed => Category.EndsWith(".MesosGateway", StringComparison.Ordinal) && Message.StartsWith("Subscribed to Mesos", StringComparison.Ordinal);

    /// <summary>The master's answer to a RECONCILE, as the status reconciler logs it (Round, TaskId, State, Source, Reason, Journaled).</summary>
    public bool IsReconciliationAnswer => Message.StartsWith("Reconciliation (", StringComparison.Ordinal);

    /// <summary>The master's ERROR on the old stream when another scheduler subscribed with this framework id (the gateway's line, logged as the event arrives).</summary>
    public bool IsFailedOver => Message.StartsWith("Mesos handed this framework to another scheduler instance", StringComparison.Ordinal);

    public bool IsRecovered => Message.StartsWith("Controller history recovered", StringComparison.Ordinal);
}
