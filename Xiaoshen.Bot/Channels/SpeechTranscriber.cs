using Microsoft.Extensions.Options;

namespace Xiaoshen.Bot.Channels;

/// <summary>
/// Runs the configured <see cref="ISpeechToText"/>, if any, on a kept recording, within a time limit. A speech service
/// that fails or is slow never loses the message: it goes on without text, and people can still listen to it. Singleton.
/// </summary>
public sealed partial class SpeechTranscriber(IEnumerable<ISpeechToText> engines, IOptionsMonitor<VoiceOptions> options, ILogger<SpeechTranscriber> logger)
{
    private readonly ISpeechToText? _engine = engines.LastOrDefault();

    /// <summary>True when a speech service is configured.</summary>
    public bool IsAvailable => _engine is not null;

    /// <summary>The recognised words of the recording at <paramref name="path"/>; null when there is no engine, no speech, or it failed.</summary>
    public async Task<string?> TranscribeAsync(string path, string contentType, CancellationToken cancellationToken)
    {
        if (_engine is null || !contentType.StartsWith("audio/", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var limits = options.CurrentValue;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(limits.TranscriptionTimeoutSeconds));
        try
        {
            await using var audio = File.OpenRead(path);
            var text = (await _engine.TranscribeAsync(audio, contentType, timeout.Token))?.Trim();
            if (string.IsNullOrEmpty(text))
            {
                return null;
            }

            LogTranscribed(text.Length);
            return text.Length > limits.MaxTranscriptCharacters ? text[..limits.MaxTranscriptCharacters] : text;
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException or InvalidOperationException or TimeoutException
            || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            LogFailed(ex);
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "A voice message was transcribed ({Length} characters)")]
    private partial void LogTranscribed(int length);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Speech recognition failed or took too long; the voice message goes on without text")]
    private partial void LogFailed(Exception exception);
}
