namespace RelayMesos.Hocon;

/// <summary>A key a configuration sets that its reference does not declare, with the nearest declared key if one is close.</summary>
public sealed record HoconUnknownKey(string Path, HoconOrigin Origin, string? Suggestion)
{
    public override string ToString() =>
        $"{Origin.Location}: unknown key {Path}" + (Suggestion is null ? "" : $"; did you mean {Suggestion}?");
}
