using RelayMesos.Control.Controllers;
using RelayMesos.Framework.Settings;
using RelayMesos.Mesos.V1;
using TaskStatus = RelayMesos.Mesos.V1.TaskStatus;

namespace RelayMesos.Framework.Tests.Actors;

internal static class FrameworkFixtures
{
    public static FrameworkSettings Settings(ControllerMode mode = ControllerMode.RunToCompletion, int maxFailures = -1, bool dryRun = false) => new()
    {
        Master = "http://127.0.0.1:1",
        FrameworkName = "test",
        Warmer = "sleep 1",
        Cooler = "",
        Mode = mode,
        MaxFailures = maxFailures,
        DryRun = dryRun,
        SnapshotEvery = 3,
        RefuseOffers = TimeSpan.FromSeconds(7),
        Task = new TaskSettings(1, 64, 0, 0, 1, new Dictionary<string, double>(), new Dictionary<string, string> { ["A"] = "1" }, [], TimeSpan.FromSeconds(2)),
    };

    public static Offer Offer(string id, string agent, double cpus, double mem, ulong portsFrom = 31000, ulong portsTo = 31009) => new()
    {
        Id = new OfferID { Value = id },
        FrameworkId = new FrameworkID { Value = "fw" },
        AgentId = new AgentID { Value = agent },
        Hostname = agent + ".host",
        Resources =
        {
            new Resource { Name = "cpus", Type = Value.Types.Type.Scalar, Scalar = new Value.Types.Scalar { Value = cpus } },
            new Resource { Name = "mem", Type = Value.Types.Type.Scalar, Scalar = new Value.Types.Scalar { Value = mem } },
            new Resource
            {
                Name = "ports",
                Type = Value.Types.Type.Ranges,
                Ranges = new Value.Types.Ranges { Range = { new Value.Types.Range { Begin = portsFrom, End = portsTo } } },
            },
        },
    };

    public static TaskStatus Status(string taskId, TaskState state, bool withUuid = true, string agent = "a1") => new()
    {
        TaskId = new TaskID { Value = taskId },
        State = state,
        AgentId = new AgentID { Value = agent },
        Uuid = withUuid ? Google.Protobuf.ByteString.CopyFrom(Guid.NewGuid().ToByteArray()) : Google.Protobuf.ByteString.Empty,
    };
}
