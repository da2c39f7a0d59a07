namespace RelayMesos.Framework.Persistence;

/// <summary>
/// Everything the framework journals or snapshots. akka.hocon binds this one interface to
/// <see cref="FrameworkEventSerializer"/>, so no event reaches the database as Akka's default JSON with .NET type names.
/// </summary>
public interface IJournaledMessage;
