namespace RelayMesos.Host.Configuration;

/// <summary>A configuration that cannot be loaded; the message is the whole story for the user.</summary>
public sealed class ConfigurationLoadException : Exception
{
    public ConfigurationLoadException(string message)
        : base(message)
    {
    }

    public ConfigurationLoadException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
