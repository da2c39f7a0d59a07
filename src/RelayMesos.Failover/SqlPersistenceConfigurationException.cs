namespace RelayMesos.Failover;

/// <summary>A persistence setting is missing or malformed; the message names it and never echoes a secret.</summary>
public sealed class SqlPersistenceConfigurationException : Exception
{
    public SqlPersistenceConfigurationException(string setting, string expected)
        : base($"Persistence setting '{setting}': {expected}.")
    {
        Setting = setting;
    }

    public string Setting { get; }
}
