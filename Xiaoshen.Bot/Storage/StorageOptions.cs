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
}

/// <summary>Supported databases.</summary>
public enum StorageProvider
{
    Sqlite,
    Postgres,
}
