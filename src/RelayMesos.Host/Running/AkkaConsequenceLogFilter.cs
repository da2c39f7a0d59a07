using Microsoft.Extensions.Logging;

namespace RelayMesos.Host.Running;

/// <summary>
/// The logger factory Akka's own log lines go through. Akka warns about consequences that relay-mesos already reports
/// as the cause, once: the singleton manager's "Lease has been lost" (after our lease's one line, or the database
/// incident's one warning), the proxy's "failed to find an associated singleton" while none runs, and remoting's
/// "Tried to associate with unreachable remote address" several times a second after a member died. Those are
/// written at Information, so a warning in the log is always news.
/// </summary>
internal sealed class AkkaConsequenceLogFilter(ILoggerFactory inner) : ILoggerFactory
{
    private static readonly string[] Consequences =
    [
        "Lease has been lost",
        "ClusterSingletonProxy failed to find an associated singleton",
        "Tried to associate with unreachable remote address",
    ];

    public ILogger CreateLogger(string categoryName) => new Demoting(inner.CreateLogger(categoryName));

    public void AddProvider(ILoggerProvider provider) => inner.AddProvider(provider);

    public void Dispose()
    {
        // The inner factory belongs to the caller.
    }

    private sealed class Demoting(ILogger inner) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => inner.BeginScope(state);

        public bool IsEnabled(LogLevel logLevel) => inner.IsEnabled(logLevel);

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (logLevel == LogLevel.Warning)
            {
                var text = formatter(state, exception);
                if (Consequences.Any(c => text.Contains(c, StringComparison.Ordinal)))
                {
                    logLevel = LogLevel.Information;
                }
            }

            inner.Log(logLevel, eventId, state, exception, formatter);
        }
    }
}
