namespace RelayMesos.Framework.Settings;

/// <summary>Warmers raise the metric, coolers lower it.</summary>
public enum TaskKind
{
    Warmer,
    Cooler,
}
