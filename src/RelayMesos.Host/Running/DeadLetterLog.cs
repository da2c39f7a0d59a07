using Akka.Actor;
using Akka.Event;
using Microsoft.Extensions.Logging;

namespace RelayMesos.Host.Running;

/// <summary>
/// Logs dead letters by type and recipient, never by content. Akka's own dead-letter log prints the message, and
/// the messages that die when a term stops mid-write are the journal's failure replies, whose text is a database
/// driver's whole stack trace (akka.hocon turns Akka's log off: <c>log-dead-letters = off</c>). The journal's
/// replies go to debug (a database incident has its own warning); the first few others are information.
/// </summary>
public sealed class DeadLetterLog : ReceiveActor
{
    private const int Logged = 10;

    private int _count;

    public DeadLetterLog(ILogger logger)
    {
        Receive<DeadLetter>(dead =>
        {
            var type = dead.Message.GetType();
            if (type.Namespace?.StartsWith("Akka.Persistence", StringComparison.Ordinal) == true)
            {
                logger.LogDebug("Journal reply {Type} to {Recipient} not delivered: the recipient has stopped.", type.Name, dead.Recipient.Path);
                return;
            }

            if (++_count <= Logged)
            {
                logger.LogInformation(
                    "Message {Type} to {Recipient} not delivered ({Count} of the first {Logged} dead letters logged).",
                    type.Name, dead.Recipient.Path, _count, Logged);
            }
        });
    }

    protected override void PreStart() => Context.System.EventStream.Subscribe(Self, typeof(DeadLetter));
}
