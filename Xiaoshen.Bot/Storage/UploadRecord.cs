namespace Xiaoshen.Bot.Storage;

/// <summary>
/// One file in the shared upload folder (issue 13): the database holds what the folder used to be for, so the upload
/// quotas are counted in SQL across nodes and restarts. The row is inserted (reserved) before the file is written and
/// marked kept after; retention deletes the row with its file.
/// </summary>
public sealed class UploadRecord
{
    public Guid Id { get; set; }

    /// <summary>The Direct Line conversation whose folder holds the file.</summary>
    public string ConversationId { get; set; } = string.Empty;

    /// <summary>The file's name in that folder (the id and an extension for its type), as links name it.</summary>
    public string Name { get; set; } = string.Empty;

    public string ContentType { get; set; } = string.Empty;

    public long Bytes { get; set; }

    /// <summary>
    /// The sender's client address for the per-address quota, keyed and not reversible: an HMAC of the Beijing day and the
    /// address with the deployment's Direct Line key. Null when the sender is a human agent (no address quota).
    /// </summary>
    public string? AddressKey { get; set; }

    public UploadSender Sender { get; set; }

    /// <summary>The person's channel user id, or the human agent's id.</summary>
    public string SenderId { get; set; } = string.Empty;

    /// <summary>When the file was reserved, then when it was kept (UTC).</summary>
    public DateTimeOffset SavedAt { get; set; }

    public UploadState State { get; set; }
}
