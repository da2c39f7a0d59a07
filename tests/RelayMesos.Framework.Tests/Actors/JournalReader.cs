using Akka.Actor;
using Akka.Persistence;

namespace RelayMesos.Framework.Tests.Actors;

/// <summary>Reads a persistence id's events the way Akka recovers them: a persistent actor that replays and reports.</summary>
internal sealed class JournalReader : ReceivePersistentActor
{
    private readonly List<object> _events = [];

    public JournalReader(string persistenceId, IActorRef replyTo)
    {
        PersistenceId = persistenceId;
        Recover<RecoveryCompleted>(_ =>
        {
            replyTo.Tell(_events.ToList());
            Context.Stop(Self);
        });
        Recover<object>(e => _events.Add(e));
    }

    public override string PersistenceId { get; }

    public static Task<List<object>> ReadAsync(IActorRefFactory system, string persistenceId) =>
        system.ActorOf(Props.Create(() => new Collector(persistenceId))).Ask<List<object>>(Collector.Start.Instance, TimeSpan.FromSeconds(30));

    /// <summary>Starts the reader on request so its answer goes to the asker.</summary>
    private sealed class Collector : ReceiveActor
    {
        public Collector(string persistenceId)
        {
            Receive<Start>(_ =>
            {
                var asker = Sender;
                Context.ActorOf(Props.Create(() => new JournalReader(persistenceId, asker)));
            });
        }

        public sealed record Start
        {
            public static Start Instance { get; } = new();
        }
    }
}
