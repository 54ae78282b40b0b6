using System.ComponentModel.DataAnnotations;

namespace Xiaoshen.Bot.Storage;

/// <summary>Which database holds conversations, transcripts and bot state. Bound from <c>Storage</c>; the connection string is <c>ConnectionStrings:Xiaoshen</c>.</summary>
public sealed class StorageOptions
{
    public const string SectionName = "Storage";

    /// <summary><see cref="StorageProvider.Sqlite"/> (default, a file under <c>data/</c>) or <see cref="StorageProvider.Postgres"/>.</summary>
    [EnumDataType(typeof(StorageProvider))]
    public StorageProvider Provider { get; set; } = StorageProvider.Sqlite;

    /// <summary>The SQLite file used when no connection string is configured, relative to the folder holding the content.</summary>
    [Required]
    public string SqliteFile { get; set; } = Path.Combine("data", "xiaoshen.db");

    /// <summary>
    /// How long a turn waits for the database to confirm its writes before it gives up and apologises instead of
    /// answering (nothing is answered that is not stored; the writes stay queued and are stored once the database is back).
    /// </summary>
    [Range(1, 300)]
    public int CommitTimeoutSeconds { get; set; } = 10;
}

/// <summary>Supported databases.</summary>
public enum StorageProvider
{
    Sqlite,
    Postgres,
}
