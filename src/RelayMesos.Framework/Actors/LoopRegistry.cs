using Akka.Persistence;
using Microsoft.Extensions.Logging;
using RelayMesos.Failover;
using RelayMesos.Framework.Persistence;
using RelayMesos.Framework.Registry;
using RelayMesos.Framework.Settings;

namespace RelayMesos.Framework.Actors;

/// <summary>
/// The runtime changes to the loops (applied, removed), journaled under one persistence id of the framework so they
/// survive restarts and failovers: a new term reads them before it starts any loop. It only records; the term decides
/// what runs (<see cref="LoopCombination"/>) and starts and stops the loops. Runtime changes are rare, so it takes no snapshots.
/// </summary>
public sealed class LoopRegistry : ReceivePersistentActor
{
    private readonly ILogger _logger;
    private readonly DatabaseIncidentLog _database;
    private LoopRegistryState _state = LoopRegistryState.Empty;

    public LoopRegistry(FrameworkSettings framework, ILogger logger, DatabaseIncidentLog? database = null)
    {
        _logger = logger;
        _database = database ?? new DatabaseIncidentLog(logger);
        PersistenceId = PersistenceIds.Registry(framework);

        Recover<LoopApplied>(e => _state = _state.Apply(e));
        Recover<LoopRemoved>(e => _state = _state.Apply(e));
        Recover<LoopReleased>(e => _state = _state.Apply(e));
        Command<GetRuntimeEntries>(_ => Sender.Tell(_state, Self));
        Command<RecordLoopChanges>(OnRecord);
    }

    public override string PersistenceId { get; }

    protected override void OnPersistFailure(Exception cause, object @event, long sequenceNr) =>
        _database.Failed("journal write", $"runtime loop change {sequenceNr} not journaled, so not made: {cause.Message}");

    protected override void OnPersistRejected(Exception cause, object @event, long sequenceNr) =>
        _logger.LogWarning("Runtime loop change {SequenceNr} refused by the journal, so not made: {Reason}", sequenceNr, cause.Message);

    protected override void OnRecoveryFailure(Exception reason, object? message = null) =>
        _database.Failed("journal read", $"the runtime loop changes could not be recovered: {reason.Message}");

    private void OnRecord(RecordLoopChanges record)
    {
        var requester = Sender;
        if (record.Changes.Count == 0)
        {
            requester.Tell(new LoopChangesRecorded(record.Changes, record.Request), Self);
            return;
        }

        var left = record.Changes.Count;
        PersistAll(record.Changes, e =>
        {
            _state = _state.Apply(e);
            if (--left == 0)
            {
                _database.Succeeded();
                requester.Tell(new LoopChangesRecorded(record.Changes, record.Request), Self);
            }
        });
    }
}
