using Microsoft.Data.Sqlite;
using RelayMesos.Failover;

namespace RelayMesos.Framework.Tests.Failover;

/// <summary>A SQLite file in its own temp folder, deleted on dispose.</summary>
public sealed class SqliteDatabase : IDisposable
{
    private readonly string _folder = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "relay-mesos-sqlite-" + Guid.NewGuid().ToString("N")[..12]);

    public SqliteDatabase() => Path = System.IO.Path.Combine(_folder, "store.db");

    public string Path { get; }

    public SqlPersistenceOptions Options => new() { Provider = SqlProvider.Sqlite, SqlitePath = Path, BusyTimeout = TimeSpan.FromSeconds(5) };

    public async Task ExecuteAsync(string sql)
    {
        Directory.CreateDirectory(_folder);
        await using var connection = new SqliteConnection($"Data Source={Path};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    public async Task<long> ScalarAsync(string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={Path};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }
}
