using RelayMesos.Mesos.Codec;
using RelayMesos.Mesos.RecordIO;

namespace RelayMesos.Mesos.Scheduler;

/// <summary>How <see cref="MesosSchedulerClient"/> talks to the masters. Holds no secret, only its file.</summary>
public sealed record MesosSchedulerSettings
{
    public MesosContentType ContentType { get; init; } = MesosContentType.Protobuf;

    /// <summary>Path on each master; the master also serves it under /master/.</summary>
    public string SchedulerPath { get; init; } = "/api/v1/scheduler";

    /// <summary>HTTP basic principal; null sends no Authorization header.</summary>
    public string? Principal { get; init; }

    /// <summary>File whose whole content (trailing newline trimmed) is the basic-auth secret.</summary>
    public string? SecretFile { get; init; }

    /// <summary>PEM or DER CA certificate to trust for https masters, besides the system store.</summary>
    public string? CaCertificateFile { get; init; }

    /// <summary>No event for this many heartbeat intervals means the stream is dead (Mesos suggests 5).</summary>
    public double HeartbeatTimeoutMultiplier { get; init; } = 5;

    /// <summary>Assumed interval until SUBSCRIBED reports the master's (Mesos hard-codes 15 s).</summary>
    public TimeSpan DefaultHeartbeatInterval { get; init; } = TimeSpan.FromSeconds(15);

    public TimeSpan BackoffMin { get; init; } = TimeSpan.FromMilliseconds(500);

    public TimeSpan BackoffMax { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>Bound on non-streaming calls and on waiting for the SUBSCRIBE response headers.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(75);

    public int MaxRedirects { get; init; } = 5;

    public long MaxRecordSize { get; init; } = RecordIOReader.DefaultMaxRecordSize;
}
