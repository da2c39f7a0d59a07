namespace RelayMesos.Framework.Actors;

/// <summary>A message for the leading RelayController from an operator; the supervisors forward every one alike.</summary>
public interface IOperatorMessage;
