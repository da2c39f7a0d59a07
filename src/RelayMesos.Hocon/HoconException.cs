namespace RelayMesos.Hocon;

/// <summary>
/// Any HOCON problem: syntax, include, substitution or a value of the wrong form.
/// The message starts with "source:line:column:" so a user can find the spot at once.
/// </summary>
public sealed class HoconException : Exception
{
    public HoconException(HoconOrigin origin, string expected, string problem)
        : base($"{origin}: {problem}")
    {
        Origin = origin;
        Expected = expected;
        Problem = problem;
    }

    public HoconOrigin Origin { get; }

    /// <summary>What would have been valid at <see cref="Origin"/>.</summary>
    public string Expected { get; }

    /// <summary>The message without the position prefix.</summary>
    public string Problem { get; }
}
