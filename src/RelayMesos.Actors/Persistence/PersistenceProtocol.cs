namespace RelayMesos.Actors.Persistence;

/// <summary>Offered to the recovery handler before the replayed events when a snapshot exists.</summary>
public sealed record SnapshotOffer(SnapshotMetadata Metadata, object Snapshot);

/// <summary>The last message of recovery; commands are processed after it.</summary>
public sealed class RecoveryCompleted
{
    private RecoveryCompleted()
    {
    }

    public static RecoveryCompleted Instance { get; } = new();
}

/// <summary>Sent to the actor after <c>SaveSnapshot</c> succeeded.</summary>
public sealed record SaveSnapshotSuccess(SnapshotMetadata Metadata);

/// <summary>Sent to the actor after <c>SaveSnapshot</c> failed; the actor keeps running.</summary>
public sealed record SaveSnapshotFailure(SnapshotMetadata Metadata, Exception Cause);

/// <summary>Sent to the actor after <c>DeleteMessages</c> succeeded.</summary>
public sealed record DeleteMessagesSuccess(long ToSequenceNr);

/// <summary>Sent to the actor after <c>DeleteMessages</c> failed; the actor keeps running.</summary>
public sealed record DeleteMessagesFailure(long ToSequenceNr, Exception Cause);

/// <summary>Sent to the actor after <c>DeleteSnapshots</c> succeeded.</summary>
public sealed record DeleteSnapshotsSuccess(long MaxSequenceNr);

/// <summary>Sent to the actor after <c>DeleteSnapshots</c> failed; the actor keeps running.</summary>
public sealed record DeleteSnapshotsFailure(long MaxSequenceNr, Exception Cause);

/// <summary>Published on the event stream when a journal write failed and the actor was stopped.</summary>
public sealed record PersistenceFailure(IActorRef Actor, string PersistenceId, long SequenceNr, Exception Cause);

/// <summary>Published on the event stream when recovery failed (store error, unknown manifest, throwing handler) and the actor was stopped.</summary>
public sealed record RecoveryFailure(IActorRef Actor, string PersistenceId, Exception Cause);
