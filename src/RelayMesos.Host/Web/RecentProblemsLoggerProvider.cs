using Microsoft.Extensions.Logging;

namespace RelayMesos.Host.Web;

/// <summary>Keeps this process' warnings and errors for the web UI's "recent problems" list.</summary>
public sealed class RecentProblemsLoggerProvider(RelayObserver observer) : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) => new ProblemLogger(observer, categoryName);

    public void Dispose()
    {
    }

    private sealed class ProblemLogger(RelayObserver observer, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning && logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                observer.RecordProblem(new RecentProblem(DateTimeOffset.UtcNow, logLevel.ToString(), category, formatter(state, exception)));
            }
        }
    }
}
