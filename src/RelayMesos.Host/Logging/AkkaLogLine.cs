using System.Collections;

namespace RelayMesos.Host.Logging;

/// <summary>
/// The state of one forwarded Akka line: the message, and the Akka source (an actor path or a subsystem) as a field
/// that JSON logs carry and the one-line console format leaves out.
/// </summary>
internal sealed class AkkaLogLine(string message, string source) : IReadOnlyList<KeyValuePair<string, object?>>
{
    public string Message { get; } = message;

    public int Count => 2;

    public KeyValuePair<string, object?> this[int index] => index switch
    {
        0 => new("AkkaSource", source),
        1 => new("{OriginalFormat}", Message),
        _ => throw new ArgumentOutOfRangeException(nameof(index)),
    };

    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator()
    {
        for (var i = 0; i < Count; i++)
        {
            yield return this[i];
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public override string ToString() => Message;
}
