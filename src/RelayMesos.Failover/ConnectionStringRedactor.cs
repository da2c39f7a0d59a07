using Npgsql;

namespace RelayMesos.Failover;

/// <summary>Makes connection strings safe to print: secrets are masked, an unparseable one is not echoed at all.</summary>
internal static class ConnectionStringRedactor
{
    private const string Mask = "***";

    public static string Redact(string? connectionString)
    {
        if (string.IsNullOrEmpty(connectionString))
        {
            return "(no connection string)";
        }

        try
        {
            var builder = new NpgsqlConnectionStringBuilder(connectionString);
            if (!string.IsNullOrEmpty(builder.Password))
            {
                builder.Password = Mask;
            }

            if (!string.IsNullOrEmpty(builder.SslPassword))
            {
                builder.SslPassword = Mask;
            }

            return builder.ConnectionString;
        }
        catch (ArgumentException)
        {
            return "(unparseable connection string)";
        }
    }

    /// <summary>host:port/database, the part of a connection string that identifies the server.</summary>
    public static string DescribeServer(NpgsqlConnectionStringBuilder builder) =>
        $"PostgreSQL {builder.Host}:{builder.Port}/{builder.Database}";
}
