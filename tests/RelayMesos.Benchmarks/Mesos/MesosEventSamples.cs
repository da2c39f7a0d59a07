using Google.Protobuf;
using RelayMesos.Mesos.V1;
using RelayMesos.Mesos.V1.Scheduler;
using TaskStatus = RelayMesos.Mesos.V1.TaskStatus;

namespace RelayMesos.Benchmarks.Mesos;

/// <summary>Deterministic events shaped like a busy master's: offers with scalar and port resources, updates.</summary>
internal static class MesosEventSamples
{
    public static Offer Offer(int i, Random random) => new()
    {
        Id = new OfferID { Value = $"5b3a2f7e-0000-4c1d-9a61-7c3f0d2b9e10-O{i}" },
        FrameworkId = new FrameworkID { Value = "5b3a2f7e-0000-4c1d-9a61-7c3f0d2b9e10-0000" },
        AgentId = new AgentID { Value = $"5b3a2f7e-0000-4c1d-9a61-7c3f0d2b9e10-S{i % 500}" },
        Hostname = $"agent-{i % 500}.example",
        Resources =
        {
            Scalar("cpus", random.Next(0, 9) * 0.125),
            Scalar("mem", random.Next(0, 33) * 32),
            Scalar("disk", 4096),
            new Resource
            {
                Name = "ports",
                Type = Value.Types.Type.Ranges,
                Ranges = new Value.Types.Ranges { Range = { new Value.Types.Range { Begin = 31000, End = 32000 } } },
            },
        },
        AllocationInfo = new Resource.Types.AllocationInfo { Role = "*" },
    };

    public static Event Offers(int count, int seed)
    {
        var random = new Random(seed);
        var offers = new Event.Types.Offers();
        for (var i = 0; i < count; i++)
        {
            offers.Offers_.Add(Offer(i, random));
        }

        return new Event { Type = Event.Types.Type.Offers, Offers = offers };
    }

    public static Event Update(int i) => new()
    {
        Type = Event.Types.Type.Update,
        Update = new Event.Types.Update
        {
            Status = new TaskStatus
            {
                TaskId = new TaskID { Value = $"relay-warmer-{i}" },
                State = TaskState.TaskRunning,
                Source = TaskStatus.Types.Source.Executor,
                AgentId = new AgentID { Value = "agent-1" },
                Timestamp = 1_700_000_000 + i,
                Uuid = ByteString.CopyFrom(Guid.NewGuid().ToByteArray()),
            },
        },
    };

    private static Resource Scalar(string name, double value) => new()
    {
        Name = name,
        Type = Value.Types.Type.Scalar,
        Scalar = new Value.Types.Scalar { Value = value },
    };
}
