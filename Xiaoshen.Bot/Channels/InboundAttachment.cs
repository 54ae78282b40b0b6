namespace Xiaoshen.Bot.Channels;

/// <summary>A file a person sent (a screenshot, a voice or video message), as a link this node can open.</summary>
/// <param name="ContentType">Its media type.</param>
/// <param name="Name">The file name, if the channel gives one.</param>
/// <param name="Url">Where it can be fetched.</param>
public sealed record InboundAttachment(string ContentType, string? Name, string Url)
{
    /// <summary>The words of a voice message, when recognised (WeChat's <c>Recognition</c>, or <see cref="ISpeechToText"/>).</summary>
    public string? Transcript { get; init; }
}
