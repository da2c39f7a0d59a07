namespace RelayMesos.Control.Sources;

/// <summary>A configured plugin source cannot be loaded.</summary>
public sealed class PluginLoadException(string message) : Exception(message);
