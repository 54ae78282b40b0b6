namespace Xiaoshen.Bot.Channels;

/// <summary>A file sent to a person (an image, a document, a voice or video message).</summary>
/// <param name="ContentType">Its media type, e.g. image/png.</param>
/// <param name="Name">The file name shown.</param>
/// <param name="Url">A link the person's client can open (signed and expiring for files kept by Xiaoshen).</param>
public sealed record ReplyAttachment(string ContentType, string Name, string Url)
{
    /// <summary>The file on this node, when Xiaoshen keeps it (channels that must upload media first read it from here).</summary>
    public string? FilePath { get; init; }
}
