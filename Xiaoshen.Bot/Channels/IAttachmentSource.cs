namespace Xiaoshen.Bot.Channels;

/// <summary>
/// Reads the content of a file a person sent, for features that look inside it (material pre-review reads photos). One
/// per channel that can; a channel's own links are the only URLs read, never an address a client chose.
/// </summary>
public interface IAttachmentSource
{
    /// <summary>The file's bytes when <paramref name="attachment"/> is one this source keeps and it is at most <paramref name="maxBytes"/>; null otherwise.</summary>
    Task<byte[]?> ReadAsync(InboundAttachment attachment, long maxBytes, CancellationToken cancellationToken);

    /// <summary>Whether <paramref name="attachment"/> is one this source keeps (when reading it fails, the person is asked to send it again).</summary>
    bool Keeps(InboundAttachment attachment);

    /// <summary>Deletes the file behind <paramref name="url"/> when it is one this source keeps (its retention came early); otherwise nothing.</summary>
    Task DeleteAsync(string url, CancellationToken cancellationToken);
}
