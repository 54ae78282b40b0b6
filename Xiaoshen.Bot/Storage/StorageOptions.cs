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

    /// <summary>
    /// On PostgreSQL, the most connections one node opens when the connection string does not say (<c>Maximum Pool
    /// Size</c>). Npgsql's own default is 100, as is PostgreSQL's <c>max_connections</c>: two nodes under a burst would
    /// be refused connections, where with a limit a request waits for a free one. Keep nodes × this below
    /// <c>max_connections</c>.
    /// </summary>
    [Range(1, 1000)]
    public int PostgresPoolSize { get; set; } = 40;

    /// <summary>
    /// On PostgreSQL, let other nodes read a batch as soon as it is committed, before its log is on disk; whoever sent
    /// the writes is still answered only once it is (a separate durable commit flushes the log up to them). A relayed
    /// message then does not wait for the disk's flush, which stalls for hundreds of milliseconds on some disks. What
    /// a crash of the database server (not of a node) can lose is only what nobody was told is stored. <c>false</c>
    /// commits every batch durably before anyone reads it.
    /// </summary>
    public bool ReadBeforeFlush { get; set; } = true;
}

/// <summary>Supported databases.</summary>
public enum StorageProvider
{
    Sqlite,
    Postgres,
}
