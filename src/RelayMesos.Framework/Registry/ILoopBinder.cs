namespace RelayMesos.Framework.Registry;

/// <summary>
/// Turns a loop's HOCON into what it runs on, with the configuration file's checks: the host's, which owns the
/// configuration (the reference, the <c>relay</c> defaults a loop inherits, the sources' HTTP client and command slots).
/// </summary>
public interface ILoopBinder
{
    /// <summary>
    /// Reads and checks the text an operator applies: <c>relay.loops { NAME { ... } }</c> with one or more loops, or,
    /// with <paramref name="loop"/>, that loop's own keys alone. All of them are valid, or none is taken.
    /// </summary>
    /// <param name="source">What the text is called in error messages (the file name the operator gave).</param>
    /// <returns>Each loop's definition, its <see cref="LoopDefinition.Definition"/> the loop's own keys as HOCON.</returns>
    /// <exception cref="LoopDefinitionException">The text or a loop in it is not valid (one line, source:line:column where it applies).</exception>
    IReadOnlyList<LoopDefinition> Read(string text, string source, string? loop = null);

    /// <summary>What a loop the registry holds runs on: its journaled definition read again.</summary>
    /// <exception cref="LoopDefinitionException">The definition is no longer valid (a newer version reads it differently).</exception>
    LoopDefinition Bind(RuntimeEntry applied);
}
