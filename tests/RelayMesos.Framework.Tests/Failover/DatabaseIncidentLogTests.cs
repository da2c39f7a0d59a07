using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using RelayMesos.Failover;

namespace RelayMesos.Framework.Tests.Failover;

public sealed class DatabaseIncidentLogTests
{
    private readonly LevelRecorder _log = new();
    private readonly FakeTimeProvider _time = new();

    [Fact]
    public void Every_failure_of_an_incident_after_the_first_is_debug_and_a_write_ends_it_with_one_information_line()
    {
        var incidents = new DatabaseIncidentLog(_log, _time);

        incidents.Failed("lease renewal", "SQLite Error 5: 'database is locked'.");
        incidents.Failed("journal write", "controller step 4 not journaled");
        incidents.Failed("lease acquisition", "SQLite Error 5: 'database is locked'.");
        Assert.True(incidents.IsOpen);
        _time.Advance(TimeSpan.FromSeconds(21.7));
        incidents.Succeeded();
        incidents.Succeeded();

        Assert.False(incidents.IsOpen);
        Assert.Equal([LogLevel.Warning, LogLevel.Debug, LogLevel.Debug, LogLevel.Information], _log.Lines.Select(l => l.Level));
        Assert.Equal(
            "Database unavailable (lease renewal): SQLite Error 5: 'database is locked'. The controller does not act until it is back; retrying by itself.",
            _log.Lines.First().Message);
        Assert.Equal("Database available again after 21.7 s.", _log.Lines.Last().Message);
    }

    [Fact]
    public void A_second_incident_gets_its_own_warning()
    {
        var incidents = new DatabaseIncidentLog(_log, _time);

        incidents.Failed("journal write", "gone");
        incidents.Succeeded();
        incidents.Failed("journal write", "gone again");

        Assert.Equal(2, _log.Lines.Count(l => l.Level == LogLevel.Warning));
    }

    [Fact]
    public void An_open_incident_says_how_long_and_its_latest_failure_and_a_closed_one_nothing()
    {
        var incidents = new DatabaseIncidentLog(_log, _time);
        Assert.Null(incidents.Why);

        incidents.Failed("lease relay-mesos renewal", "Failed to connect to 127.0.0.1:5432.");
        _time.Advance(TimeSpan.FromSeconds(23.4));
        incidents.Failed("lease relay-mesos acquisition", "Connection refused");

        Assert.Equal("the database has been unavailable for 23 s (lease relay-mesos acquisition: Connection refused); the controller does not act until it is back", incidents.Why);
        incidents.Succeeded();
        Assert.Null(incidents.Why);
    }

    private sealed class LevelRecorder : ILogger
    {
        public ConcurrentQueue<(LogLevel Level, string Message)> Lines { get; } = new();

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Lines.Enqueue((logLevel, formatter(state, exception)));
    }
}
