namespace RelayMesos.Actors;

internal sealed class UnboundedStash(ActorCell cell) : IStash
{
    private readonly List<Envelope> _stashed = [];

    public void Stash()
    {
        var current = cell.CurrentEnvelope;
        if (_stashed.Count > 0 && ReferenceEquals(_stashed[^1].Message, current.Message))
        {
            throw new InvalidOperationException($"{cell.Self.Path}: the same message cannot be stashed twice.");
        }

        _stashed.Add(current);
    }

    public void Unstash()
    {
        if (_stashed.Count == 0)
        {
            return;
        }

        var first = _stashed[0];
        _stashed.RemoveAt(0);
        cell.Prepend([first]);
    }

    public void UnstashAll()
    {
        if (_stashed.Count == 0)
        {
            return;
        }

        cell.Prepend(_stashed);
        _stashed.Clear();
    }

    public IReadOnlyList<object> ClearStash()
    {
        var messages = _stashed.Select(e => e.Message).ToList();
        _stashed.Clear();
        return messages;
    }

    internal List<Envelope> DrainEnvelopes()
    {
        var envelopes = _stashed.ToList();
        _stashed.Clear();
        return envelopes;
    }
}
