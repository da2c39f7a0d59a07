namespace RelayMesos.Framework.Settings;

/// <summary>How the agent checks a warmer's health (Mesos' HealthCheck.Type); None launches tasks without a check.</summary>
public enum HealthCheckKind
{
    None,
    Command,
    Http,
    Tcp,
}
