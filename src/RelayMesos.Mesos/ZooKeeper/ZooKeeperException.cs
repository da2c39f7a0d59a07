namespace RelayMesos.Mesos.ZooKeeper;

/// <summary>A ZooKeeper operation failed; <see cref="Code"/> says how, and the message names the code.</summary>
public sealed class ZooKeeperException : Exception
{
    public ZooKeeperException(ZooKeeperErrorCode code, string message)
        : base($"{message} ({CodeName(code)})")
    {
        Code = code;
    }

    public ZooKeeperException(ZooKeeperErrorCode code, string message, Exception innerException)
        : base($"{message} ({CodeName(code)})", innerException)
    {
        Code = code;
    }

    public ZooKeeperException()
        : this(ZooKeeperErrorCode.SystemError, "ZooKeeper operation failed")
    {
    }

    public ZooKeeperException(string message)
        : this(ZooKeeperErrorCode.SystemError, message)
    {
    }

    public ZooKeeperException(string message, Exception innerException)
        : this(ZooKeeperErrorCode.SystemError, message, innerException)
    {
    }

    public ZooKeeperErrorCode Code { get; }

    /// <summary>True for failures that a retry on the same or a new connection may cure.</summary>
    public bool IsTransient => Code is ZooKeeperErrorCode.ConnectionLoss
        or ZooKeeperErrorCode.OperationTimeout
        or ZooKeeperErrorCode.RequestTimeout
        or ZooKeeperErrorCode.SessionExpired
        or ZooKeeperErrorCode.SessionMoved
        or ZooKeeperErrorCode.Throttled;

    private static string CodeName(ZooKeeperErrorCode code) =>
        Enum.IsDefined(code) ? code.ToString() : $"error code {(int)code}";
}
