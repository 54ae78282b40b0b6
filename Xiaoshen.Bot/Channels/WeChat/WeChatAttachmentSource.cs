namespace Xiaoshen.Bot.Channels.WeChat;

/// <summary>
/// Photos a person sent in WeChat or WeCom, read for material pre-review through the app's media API
/// (<c>cgi-bin/media/get</c>, with the shared access token) within the size limit and the API timeout. Only links this
/// node issued for a push it took (<see cref="Issue"/>) are read, never an address a client of another channel chose.
/// WeChat keeps media for 3 days and deletes it itself, so <see cref="DeleteAsync"/> has nothing to do. Singleton.
/// </summary>
public sealed class WeChatAttachmentSource(WeChatApps apps, WeChatApiClient api, TimeProvider time) : IAttachmentSource
{
    // A link is read in the turn of the push that brought it; an hour is ample, and the memory stays bounded.
    private static readonly TimeSpan Keep = TimeSpan.FromHours(1);
    private readonly ExpiringMemory _issued = new(10_000);

    /// <summary>The media link of <paramref name="mediaId"/> sent to <paramref name="app"/>, remembered so this source reads it.</summary>
    public string Issue(WeChatApp app, string mediaId)
    {
        var url = $"{app.ApiBaseUrl}/cgi-bin/media/get?media_id={Uri.EscapeDataString(mediaId)}";
        _issued.Remember(url, $"{app.Channel}/{app.Name}", time.GetUtcNow(), Keep);
        return url;
    }

    public async Task<byte[]?> ReadAsync(InboundAttachment attachment, long maxBytes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(attachment);
        if (_issued.Recall(attachment.Url, time.GetUtcNow()) is not { } owner
            || owner.Split('/', 2) is not [var channel, var name]
            || apps.Find(channel, name) is not { } app)
        {
            return null;
        }

        return await api.DownloadMediaAsync(app, new Uri(attachment.Url), maxBytes, cancellationToken);
    }

    public bool Keeps(InboundAttachment attachment) => _issued.Recall(attachment.Url, time.GetUtcNow()) is not null;

    public Task DeleteAsync(string url, CancellationToken cancellationToken) => Task.CompletedTask;
}
