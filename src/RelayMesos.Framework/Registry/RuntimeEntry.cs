namespace RelayMesos.Framework.Registry;

/// <summary>
/// What an operator last did to one loop name at runtime: applied a definition or removed the loop. Kept by the loop
/// registry until the next change of that name, or until the configuration file's loop of that name changes.
/// </summary>
/// <param name="Definition">The applied loop's own keys as HOCON; empty for a removal.</param>
/// <param name="Source">Where the applied text came from (the file name the operator gave); empty for a removal.</param>
/// <param name="FileFingerprint">
/// The configuration file's loop of this name when the change was made (<see cref="LoopDefinition.Fingerprint"/>), null
/// when the file had none: a file whose loop differs from it since was edited after the change, and wins.
/// </param>
public sealed record RuntimeEntry(string Name, bool Removed, string Definition, string Source, DateTimeOffset At, string? FileFingerprint)
{
    public static RuntimeEntry Applied(string name, string definition, string source, DateTimeOffset at, string? fileFingerprint) =>
        new(name, false, definition, source, at, fileFingerprint);

    public static RuntimeEntry Removal(string name, DateTimeOffset at, string? fileFingerprint) => new(name, true, "", "", at, fileFingerprint);
}
