namespace RelayMesos.Mesos.Codec;

/// <summary>A record's bytes are not a valid message in the negotiated encoding.</summary>
public sealed class MesosMessageFormatException : Exception
{
    public MesosMessageFormatException(string message)
        : base(message)
    {
    }

    public MesosMessageFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public MesosMessageFormatException()
        : base("Malformed Mesos message.")
    {
    }
}
