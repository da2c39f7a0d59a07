namespace RelayMesos.Framework.Actors;

/// <summary>
/// The reconciler's count of scale-in kills, by when it changed, so that a step can ask how many of them a metric
/// reading could already reflect. Kills are rare; the last few changes are enough (a reading is at most a few steps old).
/// </summary>
internal sealed class KillsOverTime
{
    private const int Kept = 32;
    private readonly Queue<(DateTimeOffset At, long Kills)> _changes = new();
    private long _before;
    private long _latest;

    public void Record(long kills, DateTimeOffset? at)
    {
        if (kills == _latest)
        {
            return;
        }

        if (at is { } when)
        {
            if (_changes.Count == 0)
            {
                _before = _latest;
            }

            _changes.Enqueue((when, kills));
            while (_changes.Count > Kept)
            {
                _before = _changes.Dequeue().Kills;
            }
        }
        else
        {
            // A change without a time (never from the reconciler): count it as always reflected.
            _changes.Clear();
        }

        _latest = kills;
    }

    /// <summary>The kills recorded by <paramref name="readAt"/>; a change at an unknown time counts as earlier.</summary>
    public long AsOf(DateTimeOffset readAt)
    {
        if (_changes.Count == 0)
        {
            return _latest;
        }

        var kills = _before;
        foreach (var (at, count) in _changes)
        {
            if (at > readAt)
            {
                break;
            }

            kills = count;
        }

        return kills;
    }
}
