namespace RelayMesos.Hocon;

/// <summary>
/// Where a value or an error came from: a source (file path, "&lt;string&gt;", "--set") with a
/// 1-based line and column, or an environment variable read through an optional substitution.
/// </summary>
public sealed record HoconOrigin(string Source, int Line, int Column, string? EnvironmentVariable = null)
{
    public static HoconOrigin Environment(string variable) => new("env", 0, 0, variable);

    /// <summary>Where a user looks: a flag (<c>--set relay.x</c>) has no useful line and column, a file does.</summary>
    public string Location =>
        EnvironmentVariable is null && Source.StartsWith("--", StringComparison.Ordinal) ? Source : ToString();

    public override string ToString() =>
        EnvironmentVariable is null ? $"{Source}:{Line}:{Column}" : $"env {EnvironmentVariable}";
}
