namespace RelayMesos.Persistence.Sql.Schema;

/// <summary>One step from version - 1 to <see cref="Version"/>; its statements run in one transaction.</summary>
internal sealed record SchemaMigration(int Version, string Description, IReadOnlyList<string> Statements);
