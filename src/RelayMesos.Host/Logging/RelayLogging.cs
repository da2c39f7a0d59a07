using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using RelayMesos.Hocon;

namespace RelayMesos.Host.Logging;

/// <summary><c>relay.logging.*</c>: one line per event, plain for people or JSON for log shippers.</summary>
public static class RelayLogging
{
    /// <summary>A logger factory of its own, for commands that run without the host.</summary>
    public static ILoggerFactory Create(IConfiguration config) => LoggerFactory.Create(builder => Configure(builder, config));

    /// <exception cref="ConfigurationValueException">The level or format is not one of ours.</exception>
    public static void Configure(ILoggingBuilder builder, IConfiguration config)
    {
        var format = config.GetString("relay.logging.format");
        var levelText = config.GetString("relay.logging.level");
        if (!Enum.TryParse<LogLevel>(levelText, ignoreCase: true, out var level))
        {
            throw new ConfigurationValueException("relay.logging.level", levelText, "Trace, Debug, Information, Warning, Error or Critical");
        }

        if (format is not ("simple" or "json"))
        {
            throw new ConfigurationValueException("relay.logging.format", format, "simple or json");
        }

        builder.SetMinimumLevel(level);
        builder.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.AddFilter("Microsoft.Hosting", LogLevel.Warning);
        // A start that fails or is cancelled reaches the user as one line from the command line; the host's own error
        // line would say it again with a stack trace.
        builder.AddFilter("Microsoft.Extensions.Hosting", LogLevel.None);
        if (format == "json")
        {
            builder.AddJsonConsole(o =>
            {
                o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
                o.UseUtcTimestamp = true;
            });
        }
        else
        {
            builder.AddSimpleConsole(o =>
            {
                o.SingleLine = true;
                o.TimestampFormat = "HH:mm:ss.fff ";
                o.ColorBehavior = LoggerColorBehavior.Disabled;
            });
        }
    }
}
