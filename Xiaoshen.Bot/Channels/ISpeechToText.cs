namespace Xiaoshen.Bot.Channels;

/// <summary>
/// Speech recognition for the voice messages people record: a process edge (a speech service, or a local engine). None
/// is bundled, because no Chinese speech model can be obtained for this build; register an implementation as a singleton
/// to have voice messages answered like typed ones. Without one, a voice message is kept and played to human agents.
/// WeChat recognises voice itself (the <c>Recognition</c> field), which is used wherever it is present.
/// </summary>
public interface ISpeechToText
{
    /// <summary>
    /// The words spoken in <paramref name="audio"/> (Mandarin Chinese), or null when nothing could be recognised.
    /// <paramref name="contentType"/> is the recording's media type (audio/webm, audio/ogg, audio/mp4, audio/wav…).
    /// The caller owns and disposes the stream.
    /// </summary>
    Task<string?> TranscribeAsync(Stream audio, string contentType, CancellationToken cancellationToken);
}
