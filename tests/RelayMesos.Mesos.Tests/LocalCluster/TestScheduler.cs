using Google.Protobuf;
using RelayMesos.LocalCluster;
using RelayMesos.Mesos.Codec;
using RelayMesos.Mesos.Detection;
using RelayMesos.Mesos.Scheduler;
using RelayMesos.Mesos.V1;
using RelayMesos.Mesos.V1.Scheduler;
using TaskStatus = RelayMesos.Mesos.V1.TaskStatus;

namespace RelayMesos.Mesos.Tests.LocalCluster;

/// <summary>A framework driving the cluster through RelayMesos.Mesos' scheduler client, recording every event.</summary>
internal sealed class TestScheduler : IAsyncDisposable
{
    private readonly CancellationTokenSource stop = new();
    private readonly HashSet<ByteString> acknowledged = [];
    private Task? pump;

    private TestScheduler(MesosSchedulerClient client) => Client = client;

    public MesosSchedulerClient Client { get; }

    public EventLog Events { get; } = new();

    public string FrameworkId { get; private set; } = string.Empty;

    public static FrameworkInfo Framework(string name = "test", double failoverTimeout = 0, params FrameworkInfo.Types.Capability.Types.Type[] capabilities)
    {
        var info = new FrameworkInfo { User = System.Environment.UserName == "root" ? "nobody" : System.Environment.UserName, Name = name, FailoverTimeout = failoverTimeout };
        info.Capabilities.AddRange(capabilities.Select(c => new FrameworkInfo.Types.Capability { Type = c }));
        return info;
    }

    public static async Task<TestScheduler> SubscribeAsync(
        LocalMesosCluster cluster, FrameworkInfo? info = null, MesosContentType contentType = MesosContentType.Protobuf)
    {
        var client = new MesosSchedulerClient(
            new MesosSchedulerSettings { ContentType = contentType, BackoffMin = TimeSpan.FromMilliseconds(50), BackoffMax = TimeSpan.FromMilliseconds(200) },
            new StaticMasterDetector([cluster.MasterUri]));
        var scheduler = new TestScheduler(client);
        scheduler.pump = scheduler.PumpAsync(info ?? Framework());
        var subscribed = await scheduler.Events.NextAsync(e => e.Type == Event.Types.Type.Subscribed);
        scheduler.FrameworkId = subscribed.Subscribed.FrameworkId.Value;
        return scheduler;
    }

    public async Task<Offer> NextOfferAsync(Func<Offer, bool>? match = null)
    {
        var @event = await Events.NextAsync(e => e.Type == Event.Types.Type.Offers && e.Offers.Offers_.Any(match ?? (_ => true)));
        return @event.Offers.Offers_.First(match ?? (_ => true));
    }

    /// <param name="includeRedeliveries">Also match re-sent copies of updates this scheduler has acknowledged.</param>
    public async Task<TaskStatus> NextUpdateAsync(string taskId, TaskState? state = null, bool includeRedeliveries = false)
    {
        var @event = await Events.NextAsync(e => e.Type == Event.Types.Type.Update && e.Update.Status.TaskId.Value == taskId
            && (state is null || e.Update.Status.State == state)
            && (includeRedeliveries || !acknowledged.Contains(e.Update.Status.Uuid)));
        return @event.Update.Status;
    }

    /// <summary>Waits for the update and acknowledges it, as a well-behaved (idempotent) scheduler does.</summary>
    public async Task<TaskStatus> AckNextAsync(string taskId, TaskState? state = null)
    {
        var status = await NextUpdateAsync(taskId, state);
        await Client.AcknowledgeAsync(status);
        acknowledged.Add(status.Uuid);
        return status;
    }

    public Task LaunchAsync(Offer offer, params TaskInfo[] tasks) => LaunchAsync(offer, 0, tasks);

    public Task LaunchAsync(Offer offer, double refuseSeconds, params TaskInfo[] tasks)
    {
        var operation = new Offer.Types.Operation { Type = Offer.Types.Operation.Types.Type.Launch, Launch = new Offer.Types.Operation.Types.Launch() };
        operation.Launch.TaskInfos.AddRange(tasks);
        return Client.AcceptAsync([offer.Id], [operation], new Filters { RefuseSeconds = refuseSeconds });
    }

    public static TaskInfo ShellTask(string id, Offer offer, string command, double cpus = 0.1, double mem = 32, KillPolicy? killPolicy = null)
    {
        var task = new TaskInfo
        {
            Name = id,
            TaskId = new TaskID { Value = id },
            AgentId = offer.AgentId.Clone(),
            Command = new CommandInfo { Value = command },
            KillPolicy = killPolicy,
        };
        task.Resources.Add(Scalar("cpus", cpus));
        task.Resources.Add(Scalar("mem", mem));
        return task;
    }

    public static Resource Scalar(string name, double value) =>
        new() { Name = name, Type = Value.Types.Type.Scalar, Scalar = new Value.Types.Scalar { Value = value } };

    public static double ScalarOf(Offer offer, string name) =>
        offer.Resources.Where(r => r.Name == name).Sum(r => r.Scalar.Value);

    public static KillPolicy Grace(TimeSpan grace) => new() { GracePeriod = new DurationInfo { Nanoseconds = (long)(grace.TotalMilliseconds * 1_000_000) } };

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        if (pump is not null)
        {
            await pump.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        await Client.DisposeAsync();
        stop.Dispose();
    }

    private async Task PumpAsync(FrameworkInfo info)
    {
        try
        {
            await foreach (var @event in Client.SubscribeAsync(info, stop.Token))
            {
                Events.Add(@event);
            }
        }
        finally
        {
            Events.Complete();
        }
    }
}
