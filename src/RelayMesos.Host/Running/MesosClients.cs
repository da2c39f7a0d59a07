using Microsoft.Extensions.Logging;
using RelayMesos.Framework;
using RelayMesos.Framework.Settings;
using RelayMesos.Mesos.Codec;
using RelayMesos.Mesos.Detection;
using RelayMesos.Mesos.Scheduler;

namespace RelayMesos.Host.Running;

/// <summary>Makes each framework term its own scheduler client for the master this instance talks to.</summary>
public sealed class MesosClients(FrameworkSettings settings, MesosMaster master, ILoggerFactory loggers) : IMesosClientFactory
{
    public MesosSchedulerClient Create()
    {
        var mesos = new MesosSchedulerSettings
        {
            ContentType = settings.ContentType == "json" ? MesosContentType.Json : MesosContentType.Protobuf,
            Principal = settings.Principal.Length > 0 ? settings.Principal : null,
            SecretFile = settings.SecretFile.Length > 0 ? settings.SecretFile : null,
            CaCertificateFile = settings.CaFile.Length > 0 ? settings.CaFile : null,
            HeartbeatTimeoutMultiplier = settings.HeartbeatMisses,
            BackoffMin = settings.BackoffMin,
            BackoffMax = settings.BackoffMax,
        };
        return new MesosSchedulerClient(mesos, MasterDetectors.Create(master.Address, loggers), loggers.CreateLogger<MesosSchedulerClient>());
    }
}
