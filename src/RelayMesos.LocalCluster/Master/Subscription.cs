using System.Threading.Channels;
using RelayMesos.Mesos.V1.Scheduler;

namespace RelayMesos.LocalCluster.Master;

/// <summary>One open SUBSCRIBE response: the events queued for it and its stream id.</summary>
internal sealed class Subscription(string streamId)
{
    private readonly Channel<Event> events = Channel.CreateUnbounded<Event>(new UnboundedChannelOptions { SingleReader = true });

    public string StreamId { get; } = streamId;

    public ChannelReader<Event> Events => events.Reader;

    public void Send(Event @event) => events.Writer.TryWrite(@event);

    /// <summary>Ends the stream after the events already queued; the HTTP response then finishes.</summary>
    public void Close() => events.Writer.TryComplete();
}
