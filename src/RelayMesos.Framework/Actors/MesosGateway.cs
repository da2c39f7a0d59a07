using System.Threading.Channels;
using Akka.Actor;
using Microsoft.Extensions.Logging;
using RelayMesos.Framework.Offers;
using RelayMesos.Mesos.Scheduler;
using RelayMesos.Mesos.V1;
using RelayMesos.Mesos.V1.Scheduler;
using TaskStatus = RelayMesos.Mesos.V1.TaskStatus;

namespace RelayMesos.Framework.Actors;

/// <summary>
/// Owns the SUBSCRIBE stream and every outgoing call. Stream events become messages to the actor
/// that owns their concern; calls go out in the order they were told, on the client's call connection.
/// Heartbeat watching, redirects and reconnect backoff live in <see cref="MesosSchedulerClient"/>.
/// </summary>
public sealed class MesosGateway : ReceiveActor
{
    /// <summary>The ERROR Mesos sends to the old stream when another scheduler subscribes with our framework id.</summary>
    private const string FailedOverMessage = "Framework failed over";

    private readonly MesosSchedulerClient _client;
    private readonly FrameworkInfo _frameworkInfo;
    private readonly ILogger _logger;
    private readonly ILeaseHolder _lease;
    private readonly CancellationTokenSource _stop = new();
    private readonly Channel<Call> _outgoing = Channel.CreateUnbounded<Call>(new UnboundedChannelOptions { SingleReader = true });
    private readonly OutstandingOffers _offers = new();
    private FrameworkActors? _peers;
    private string? _lastError;

    public MesosGateway(MesosSchedulerClient client, FrameworkInfo frameworkInfo, ILeaseHolder lease, ILogger logger)
    {
        _client = client;
        _frameworkInfo = frameworkInfo;
        _lease = lease;
        _logger = logger;

        Receive<FrameworkActors>(peers =>
        {
            _peers = peers;
            var self = Self;
            _ = Task.Run(() => SubscribeLoop(self), CancellationToken.None);
            _ = Task.Run(SendLoop, CancellationToken.None);
        });
        Receive<EventArrived>(e => OnEvent(e.Event));
        Receive<StreamEnded>(e =>
        {
            if (_lastError == FailedOverMessage)
            {
                // Another instance subscribed as this framework: it leads now, whatever our lease still says. End this
                // term, not the process, so the instance stands by instead of exiting. The ERROR's line said so.
                Context.Parent.Tell(FrameworkHandedOver.Instance, Self);
                return;
            }

            // The run's stop line says it once, with the exit code; an error line here would say it twice.
            _logger.LogDebug("Mesos ended the subscription: {Reason}. This scheduler stops acting.", e.Reason);
            Context.Parent.Tell(new StopRequested(1, $"Mesos ended the subscription: {e.Reason}"), Self);
        });
        Receive<SendCall>(c => _outgoing.Writer.TryWrite(c.Call));
        ReceiveAsync<TeardownFramework>(async _ =>
        {
            try
            {
                await _client.TeardownAsync(_stop.Token);
                _logger.LogInformation("Framework torn down: Mesos kills its tasks and forgets it.");
            }
            catch (Exception ex) when (ex is MesosCallException or InvalidOperationException or HttpRequestException)
            {
                _logger.LogWarning("Teardown failed: {Reason}", ex.Message);
            }

            Sender.Tell(Done.Instance, Self);
        });
    }

    /// <summary>The reply to <see cref="TeardownFramework"/>.</summary>
    public sealed record Done
    {
        public static Done Instance { get; } = new();
    }

    protected override void PostStop()
    {
        _outgoing.Writer.TryComplete();
        _stop.Cancel();
        _ = _client.DisposeAsync().AsTask();
    }

    private void OnEvent(Event evt)
    {
        var peers = _peers!;
        switch (evt.Type)
        {
            case Event.Types.Type.Subscribed:
                var id = evt.Subscribed.FrameworkId.Value;
                var master = _client.CurrentMaster?.ToString() ?? "";
                _logger.LogInformation("Subscribed to Mesos at {Master} as framework {FrameworkId}.", master, id);
                var subscribed = new FrameworkSubscribed(id, master);
                peers.Reconciler.Tell(subscribed, Self);
                peers.OfferHandler.Tell(subscribed, Self);
                Context.System.EventStream.Publish(subscribed);
                break;
            case Event.Types.Type.Offers:
                peers.OfferHandler.Tell(new OffersReceived(evt.Offers.Offers_), Self);
                break;
            case Event.Types.Type.Rescind:
                peers.OfferHandler.Tell(new OfferRescinded(evt.Rescind.OfferId), Self);
                break;
            case Event.Types.Type.Update:
                peers.Reconciler.Tell(new StatusUpdateReceived(evt.Update.Status), Self);
                break;
            case Event.Types.Type.Failure:
                _logger.LogWarning(
                    "Mesos reports a failure: agent {Agent}, executor {Executor}, status {Status}.",
                    evt.Failure.AgentId?.Value, evt.Failure.ExecutorId?.Value, evt.Failure.HasStatus ? evt.Failure.Status : null);
                break;
            case Event.Types.Type.Error:
                _lastError = evt.Error.Message;
                if (evt.Error.Message != FailedOverMessage)
                {
                    _logger.LogError("Mesos sent ERROR: {Message}", evt.Error.Message);
                }
                else if (_lease.LeadsNow)
                {
                    // The lease says nobody else may lead: another scheduler with this framework's id is not ours to expect.
                    _logger.LogError(
                        "Mesos handed this framework to another scheduler instance; this term ends (ERROR: {Message}, while this instance {Holds}: another scheduler subscribed with this framework's id).",
                        evt.Error.Message, _lease.HeldEpoch is { } epoch ? $"holds lease epoch {epoch}" : "leads");
                }
                else
                {
                    // The expected end of a term that outlived its lease (a frozen leader wakes to find its successor
                    // subscribed): the lease's own line is the warning.
                    _logger.LogInformation(
                        "Mesos handed this framework to another scheduler instance; this term ends (ERROR: {Message}; this instance's lease term had run out).",
                        evt.Error.Message);
                }

                break;
            case Event.Types.Type.Message:
                _logger.LogDebug("Executor message from agent {Agent} ({Bytes} bytes) ignored.", evt.Message.AgentId.Value, evt.Message.Data.Length);
                break;
        }
    }

    private async Task SubscribeLoop(IActorRef self)
    {
        string reason;
        try
        {
            await foreach (var evt in _client.SubscribeAsync(_frameworkInfo, _stop.Token).ConfigureAwait(false))
            {
                // Noted here, as the stream is read: a RESCIND that came in the same write as its OFFERS is known
                // before any ACCEPT planned on those offers can leave.
                _offers.Observe(evt);
                self.Tell(new EventArrived(evt), self);
            }

            reason = "the stream ended after an ERROR event";
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
            return;
        }
        catch (MesosCallException ex)
        {
            reason = ex.Message;
        }

        if (!_stop.IsCancellationRequested)
        {
            self.Tell(new StreamEnded(reason), self);
        }
    }

    private async Task SendLoop()
    {
        await foreach (var call in _outgoing.Reader.ReadAllAsync(CancellationToken.None).ConfigureAwait(false))
        {
            if (!MayLeave(call))
            {
                continue;
            }

            try
            {
                await _client.SendAsync(call, _stop.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested)
            {
                return;
            }
            catch (InvalidOperationException ex)
            {
                // Between subscriptions (the master went away, or this term is ending): the next SUBSCRIBE starts
                // afresh (unsuppressed, reconciled), and whatever ended the subscription has said so already.
                _logger.LogInformation("{Call} call not sent: {Reason}", call.Type, ex.Message);
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                // The master did not answer: it is gone or going, and the event stream's own line says so once. Nothing is
                // lost for good: Mesos re-sends unacknowledged updates, rescinds unanswered offers, and reconciliation
                // reports launches that never happened.
                _logger.LogInformation("{Call} call not delivered: {Reason}", call.Type, ex.Message);
            }
            catch (MesosCallException ex)
            {
                // A master that answers and refuses a call is news.
                _logger.LogWarning("{Call} call not delivered: {Reason}", call.Type, ex.Message);
            }
        }
    }

    /// <summary>
    /// An ACCEPT leaves only while every offer it names is outstanding. Otherwise its launches are dropped as the
    /// master would drop them (TASK_DROPPED, REASON_INVALID_OFFERS, from the master, no uuid), so the task table
    /// forgets them and the controller plans them again; its other offers are declined. A DECLINE skips offers
    /// already gone.
    /// </summary>
    private bool MayLeave(Call call)
    {
        if (call.Type == Call.Types.Type.Decline)
        {
            var gone = _offers.Gone(call.Decline.OfferIds.Select(o => o.Value)).ToHashSet(StringComparer.Ordinal);
            var live = call.Decline.OfferIds.Where(o => !gone.Contains(o.Value)).ToList();
            _offers.Answered(live.Select(o => o.Value));
            call.Decline.OfferIds.Clear();
            call.Decline.OfferIds.AddRange(live);
            return live.Count > 0;
        }

        if (call.Type != Call.Types.Type.Accept)
        {
            return true;
        }

        var offerIds = call.Accept.OfferIds.Select(o => o.Value).ToList();
        var rescinded = _offers.Gone(offerIds);
        if (rescinded.Count == 0)
        {
            _offers.Answered(offerIds);
            return true;
        }

        var tasks = call.Accept.Operations.Where(o => o.Launch is not null).SelectMany(o => o.Launch.TaskInfos).ToList();
        _logger.LogWarning(
            "Offer {Offers} was rescinded before the ACCEPT left: {Count} launch(es) dropped and planned again.",
            string.Join(", ", rescinded), tasks.Count);
        foreach (var task in tasks)
        {
            _peers!.Reconciler.Tell(new StatusUpdateReceived(new TaskStatus
            {
                TaskId = task.TaskId,
                AgentId = task.AgentId,
                State = TaskState.TaskDropped,
                Source = TaskStatus.Types.Source.Master,
                Reason = TaskStatus.Types.Reason.InvalidOffers,
                Message = $"Offer {string.Join(", ", rescinded)} was rescinded before the launch left",
                Timestamp = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() / 1000.0,
            }), ActorRefs.NoSender);
        }

        var others = offerIds.Except(rescinded, StringComparer.Ordinal).ToList();
        if (others.Count > 0)
        {
            var decline = new Call.Types.Decline { Filters = call.Accept.Filters };
            decline.OfferIds.AddRange(others.Select(id => new OfferID { Value = id }));
            _outgoing.Writer.TryWrite(new Call { Type = Call.Types.Type.Decline, Decline = decline });
        }

        return false;
    }

    private sealed record EventArrived(Event Event);

    private sealed record StreamEnded(string Reason);
}
