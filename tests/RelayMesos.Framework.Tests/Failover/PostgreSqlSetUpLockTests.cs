using RelayMesos.Failover;
using RelayMesos.TestKit;
using RelayMesos.TestKit.PostgreSql;

namespace RelayMesos.Framework.Tests.Failover;

/// <summary>
/// Issue 29 item 5: instances starting together on an empty database took turns at nothing, and raced on
/// Akka.Persistence.Sql's CREATE TABLE IF NOT EXISTS (23505 on pg_type_typname_nsp_index). The set-up lock lets one
/// create the journal's tables while the others wait, and costs nothing once they exist.
/// </summary>
[Collection(PostgreSqlCollection.Name)]
public sealed class PostgreSqlSetUpLockTests(PostgreSqlServerFixture fixture) : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TestTimeFactor.Dilate(TimeSpan.FromSeconds(20));
    private readonly PostgreSqlSchema _schema = new(fixture);
    private readonly List<SqlPersistenceSet> _opened = [];

    [Fact]
    public async Task Instances_on_an_empty_database_take_turns_and_none_waits_once_the_tables_exist()
    {
        var first = await OpenAsync("a");
        var second = await OpenAsync("b");

        var held = await first.HoldSetUpLockWhileTablesMissingAsync(CancellationToken.None);
        Assert.NotNull(held);
        var waiting = second.HoldSetUpLockWhileTablesMissingAsync(CancellationToken.None);
        await EventuallyAsync(async () => await _schema.ScalarAsync("SELECT COUNT(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted") == 1, "the second instance waits for the lock");
        Assert.False(waiting.IsCompleted);

        // What Akka.Persistence.Sql's first use does under the lock.
        await _schema.ExecuteAsync("CREATE TABLE journal (x int); CREATE TABLE tags (x int); CREATE TABLE snapshot (x int);");
        await held.DisposeAsync();
        var turn = await waiting.WaitAsync(Patience);
        Assert.NotNull(turn);
        await turn.DisposeAsync();

        var third = await OpenAsync("c");
        Assert.Null(await third.HoldSetUpLockWhileTablesMissingAsync(CancellationToken.None));
        Assert.Equal(0, await _schema.ScalarAsync("SELECT COUNT(*) FROM pg_locks WHERE locktype = 'advisory'"));
    }

    [Fact]
    public async Task The_lock_of_an_instance_that_dies_holding_it_goes_with_its_session()
    {
        var first = await OpenAsync("a");
        var held = await first.HoldSetUpLockWhileTablesMissingAsync(CancellationToken.None);
        Assert.NotNull(held);
        await _schema.ExecuteAsync("SELECT pg_terminate_backend(pid) FROM pg_locks WHERE locktype = 'advisory' AND granted");

        var second = await OpenAsync("b");
        var taken = await second.HoldSetUpLockWhileTablesMissingAsync(CancellationToken.None).WaitAsync(Patience);
        Assert.NotNull(taken);
        await taken.DisposeAsync();
        await held.DisposeAsync();
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var set in _opened)
        {
            await set.DisposeAsync();
        }
    }

    private async Task<SqlPersistenceSet> OpenAsync(string holder)
    {
        var set = await SqlPersistence.CreateAsync(_schema.Options, holder);
        _opened.Add(set);
        return set;
    }

    private static async Task EventuallyAsync(Func<Task<bool>> condition, string what)
    {
        var bound = DateTime.UtcNow + Patience;
        while (!await condition())
        {
            if (DateTime.UtcNow > bound)
            {
                throw new TimeoutException($"Never happened: {what}");
            }

            await Task.Delay(20);
        }
    }
}
