namespace RelayMesos.Framework.Settings;

/// <summary>A host path mounted into the task's Docker container.</summary>
public sealed record DockerVolume(string ContainerPath, string HostPath, bool ReadOnly);
