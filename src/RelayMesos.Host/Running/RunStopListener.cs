using Akka.Actor;
using RelayMesos.Framework.Actors;

namespace RelayMesos.Host.Running;

/// <summary>
/// Every member's <c>/user/run-stop</c>. When the singleton's run ends (stop condition, max-failures), its host tells
/// each member here, and waits for the echo before it leaves the cluster: a member that has the stop will not start the
/// framework when the singleton moves to it, and ends its own process with the same exit code and reason.
/// </summary>
public sealed class RunStopListener : ReceiveActor
{
    public const string Name = "run-stop";

    public RunStopListener(Action<StopRequested> onStop)
    {
        Receive<StopRequested>(stop =>
        {
            onStop(stop);
            Sender.Tell(stop, Self);
        });
    }
}
