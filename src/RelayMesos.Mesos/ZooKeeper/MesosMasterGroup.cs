using System.Globalization;

namespace RelayMesos.Mesos.ZooKeeper;

/// <summary>
/// Mesos' leader rule over the masters' znodes: every contending master owns an ephemeral sequential
/// child <c>json.info_&lt;seq&gt;</c>, and the leader is the one with the lowest sequence number.
/// </summary>
internal static class MesosMasterGroup
{
    public const string JsonLabel = "json.info";

    /// <summary>
    /// The leading master's child name, or null if no master is registered. Children of other kinds
    /// (<c>log_replicas</c>, pre-0.24 <c>info_</c> members holding binary protobuf, anything whose
    /// name does not end in a sequence number) are not masters this detector can read, so they are skipped.
    /// </summary>
    public static string? SelectLeader(IEnumerable<string> children)
    {
        string? leader = null;
        var lowest = long.MaxValue;
        foreach (var child in children)
        {
            if (TryParseSequence(child, out var sequence) && sequence < lowest)
            {
                lowest = sequence;
                leader = child;
            }
        }

        return leader;
    }

    /// <summary>The sequence number of a <c>json.info_&lt;seq&gt;</c> child, false for any other name.</summary>
    public static bool TryParseSequence(string child, out long sequence)
    {
        sequence = 0;
        var underscore = child.LastIndexOf('_');
        return underscore > 0
            && child.AsSpan(0, underscore).SequenceEqual(JsonLabel)
            && underscore + 1 < child.Length
            && long.TryParse(child.AsSpan(underscore + 1), NumberStyles.None, CultureInfo.InvariantCulture, out sequence);
    }
}
