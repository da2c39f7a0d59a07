namespace RelayMesos.Framework.Registry;

/// <summary>A loop the run runs: the configuration file's (<paramref name="Applied"/> null) or one an operator applied.</summary>
public sealed record CombinedLoop(string Name, RuntimeEntry? Applied)
{
    public bool FromFile => Applied is null;
}
