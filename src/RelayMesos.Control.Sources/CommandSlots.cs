namespace RelayMesos.Control.Sources;

/// <summary>
/// How many metric and target commands may run at once, across every loop of a deployment: a thousand loops sampling
/// by command every second must not fork a thousand processes a second by accident. A command waits for a slot within
/// its own timeout, and a sample that found none fails saying so.
/// </summary>
public sealed class CommandSlots
{
    private readonly SemaphoreSlim _slots;

    public CommandSlots(int limit)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        Limit = limit;
        _slots = new SemaphoreSlim(limit, limit);
    }

    /// <summary>No limit to speak of: for tests and tools that run a source or two.</summary>
    public static CommandSlots Unlimited { get; } = new(int.MaxValue);

    public int Limit { get; }

    /// <summary>A slot, or null when none freed up before <paramref name="cancellationToken"/> (the command's deadline).</summary>
    public async Task<IDisposable?> EnterAsync(CancellationToken cancellationToken)
    {
        try
        {
            await _slots.WaitAsync(cancellationToken).ConfigureAwait(false);
            return new Slot(_slots);
        }
        catch (OperationCanceledException)
        {
            return null;
        }
    }

    private sealed class Slot(SemaphoreSlim slots) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                slots.Release();
            }
        }
    }
}
