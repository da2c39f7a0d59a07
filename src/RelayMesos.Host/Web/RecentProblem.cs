namespace RelayMesos.Host.Web;

/// <summary>A warning or error logged by this process, kept for the web UI.</summary>
public sealed record RecentProblem(DateTimeOffset At, string Level, string Category, string Message);
