namespace RelayMesos.Mesos.ZooKeeper;

/// <summary>
/// Credentials for ZooKeeper's <c>digest</c> authentication scheme. <see cref="ToString"/> hides the
/// password so that the credentials can never reach a log by accident.
/// </summary>
public sealed record ZooKeeperDigestCredentials(string User, string Password)
{
    /// <summary>The <c>user:password</c> text the digest scheme expects on the wire.</summary>
    internal string AuthText => $"{User}:{Password}";

    public override string ToString() => $"{User}:***";
}
