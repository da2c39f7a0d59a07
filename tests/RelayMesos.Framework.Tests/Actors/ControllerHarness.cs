using Akka.Actor;
using Akka.TestKit;
using Microsoft.Extensions.Logging.Abstractions;
using RelayMesos.Control.Controllers;
using RelayMesos.Framework.Actors;
using RelayMesos.Framework.Settings;
using RelayMesos.Framework.Tasks;

namespace RelayMesos.Framework.Tests.Actors;

/// <summary>Starts a RelayController whose offer handler and reconciler are probes, past its task-table handshake.</summary>
internal static class ControllerHarness
{
    public static IActorRef Start(ActorSystem system, ControllerSettings controller, FrameworkSettings settings, TestProbe offers, TestProbe reconciler)
    {
        var actor = system.ActorOf(Props.Create(() => new RelayController(ControllerFactory.Create(controller), controller, settings, NullLogger.Instance)));
        actor.Tell(new FrameworkActors(ActorRefs.Nobody, offers.Ref, ActorRefs.Nobody, reconciler.Ref, ActorRefs.Nobody), ActorRefs.NoSender);

        // The controller steps only once it knows the task table (a new leader must not count zero tasks).
        // Recovery comes first; on a real database under load its first use can take seconds.
        reconciler.ExpectMsg<GetTaskTable>(TimeSpan.FromSeconds(60));
        reconciler.Reply(new TaskTableChanged(TaskTable.Empty, LaunchTally.None));
        return actor;
    }
}
