using Xiaoshen.Bot.Channels;

namespace Xiaoshen.Bot.Attachments;

/// <summary>Files kept in the <see cref="AttachmentStore"/> (the web chat's uploads): read behind their signed links.</summary>
public sealed class StoredAttachmentSource(AttachmentStore store) : IAttachmentSource
{
    public async Task<byte[]?> ReadAsync(InboundAttachment attachment, long maxBytes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(attachment);
        if (store.ReadOwnLink(attachment.Url) is not { } own)
        {
            return null;
        }

        var file = new FileInfo(store.PathOf(own.ConversationId, own.Name));
        return file.Exists && file.Length <= maxBytes ? await File.ReadAllBytesAsync(file.FullName, cancellationToken) : null;
    }

    public bool Keeps(InboundAttachment attachment) => store.ReadOwnLink(attachment?.Url ?? string.Empty) is not null;

    public Task DeleteAsync(string url, CancellationToken cancellationToken) =>
        store.ReadOwnLink(url) is { } own ? store.DeleteAsync(own.ConversationId, own.Name, cancellationToken) : Task.CompletedTask;
}
