namespace RelayMesos.Framework.Settings;

/// <summary><c>relay.mesos.docker</c>: run warmers and coolers inside an image instead of plain bash.</summary>
public sealed record DockerSettings(
    string Image,
    string Network,
    bool ForcePull,
    IReadOnlyList<KeyValuePair<string, string>> Parameters,
    IReadOnlyList<DockerVolume> Volumes)
{
    public static DockerSettings None { get; } = new("", "HOST", false, [], []);

    public bool Enabled => Image.Length > 0;
}
