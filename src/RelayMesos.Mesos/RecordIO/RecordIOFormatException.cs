namespace RelayMesos.Mesos.RecordIO;

/// <summary>A RecordIO stream that does not follow the <c>size LF bytes</c> framing.</summary>
public sealed class RecordIOFormatException : Exception
{
    public RecordIOFormatException(string message)
        : base(message)
    {
    }

    public RecordIOFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public RecordIOFormatException()
        : base("Malformed RecordIO stream.")
    {
    }
}
