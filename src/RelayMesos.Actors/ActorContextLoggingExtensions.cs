using Microsoft.Extensions.Logging;

namespace RelayMesos.Actors;

/// <summary><c>Context.GetLogger()</c>: an <see cref="ILogger"/> from the system's factory, categorised by actor class.</summary>
public static class ActorContextLoggingExtensions
{
    public static ILogger GetLogger(this IActorContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.System.LoggerFactory.CreateLogger(context.Props.Type);
    }
}
