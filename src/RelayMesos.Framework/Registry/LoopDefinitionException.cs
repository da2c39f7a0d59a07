namespace RelayMesos.Framework.Registry;

/// <summary>A loop definition an operator applied is not valid; the message is one line naming the place (source:line:column) and the problem.</summary>
public sealed class LoopDefinitionException(string message, Exception? inner = null) : Exception(message, inner);
