using Akka.Actor;
using Akka.Dispatch;
using Akka.Event;
using Akka.Hosting.Logging;
using Microsoft.Extensions.Logging;
using RelayMesos.Failover.Membership;
using MelLogLevel = Microsoft.Extensions.Logging.LogLevel;

namespace RelayMesos.Host.Logging;

/// <summary>
/// Akka's logger: every Akka log event becomes one Microsoft.Extensions.Logging line under the category of the class
/// that logged it (<c>Akka.Cluster.Cluster</c>, <c>Akka.Cluster.Tools.Singleton.ClusterSingletonManager</c>), with
/// Akka's message alone. Akka.Hosting's own logger writes every event under one category with Akka's formatted line
/// (level, date, thread, path) inside ours, so each line carried two prefixes and a warning arrived as <c>info:</c>.
/// <see cref="AkkaLogPolicy"/> decides each line's level, text and whether its cause's stack trace goes with it.
/// </summary>
public sealed class AkkaLogForwarder : ActorBase, IRequiresMessageQueue<ILoggerMessageQueueSemantics>
{
    /// <summary>Akka reports a stall's first consequences within moments of waking.</summary>
    private static readonly TimeSpan StallWindow = TimeSpan.FromSeconds(10);

    private readonly ILoggerFactory _loggers;
    private readonly Dictionary<string, ILogger> _byCategory = new(StringComparer.Ordinal);

    public AkkaLogForwarder()
    {
        // Akka.Hosting puts the host's logger factory into the actor system's setup.
        _loggers = Context.System.Settings.Setup.Get<LoggerFactorySetup>().Value?.LoggerFactory
            ?? throw new InvalidOperationException("The actor system was started without the host's logger factory (LoggerFactorySetup).");
    }

    protected override bool Receive(object message)
    {
        switch (message)
        {
            case InitializeLogger:
                Sender.Tell(new LoggerInitialized());
                return true;
            case LogEvent e:
                Write(e);
                return true;
            default:
                return false;
        }
    }

    private void Write(LogEvent e)
    {
        var category = AkkaLogPolicy.Category(e.LogClass, e.LogSource);
        var verdict = AkkaLogPolicy.Judge(Level(e.LogLevel()), e.Message?.ToString() ?? "", e.Cause, ProcessStallWatch.Shared.Recent(StallWindow));
        var logger = Logger(category);
        if (logger.IsEnabled(verdict.Level))
        {
            logger.Log(verdict.Level, default, new AkkaLogLine(verdict.Message, e.LogSource), verdict.KeepTrace ? e.Cause : null, static (line, _) => line.Message);
        }
    }

    private ILogger Logger(string category)
    {
        if (!_byCategory.TryGetValue(category, out var logger))
        {
            logger = _loggers.CreateLogger(category);
            _byCategory[category] = logger;
        }

        return logger;
    }

    private static MelLogLevel Level(Akka.Event.LogLevel level) => level switch
    {
        Akka.Event.LogLevel.DebugLevel => MelLogLevel.Debug,
        Akka.Event.LogLevel.InfoLevel => MelLogLevel.Information,
        Akka.Event.LogLevel.WarningLevel => MelLogLevel.Warning,
        _ => MelLogLevel.Error,
    };
}
