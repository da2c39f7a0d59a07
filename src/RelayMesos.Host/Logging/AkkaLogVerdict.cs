using Microsoft.Extensions.Logging;

namespace RelayMesos.Host.Logging;

/// <summary>What one Akka log event becomes in our log: its level, its one-line message, and whether the cause's stack trace goes with it.</summary>
/// <param name="Level">The level in our log.</param>
/// <param name="Message">Akka's message without any stack trace Akka formatted into it; the cause's message appended when the trace is left out.</param>
/// <param name="KeepTrace">Only for the unexpected: an error whose cause is not a known consequence of a fault.</param>
public readonly record struct AkkaLogVerdict(LogLevel Level, string Message, bool KeepTrace);
