using Xiaoshen.Bot.Channels;

namespace Xiaoshen.Tests.Fakes;

/// <summary>A speech service at the process edge: hears <paramref name="words"/> in any recording, and remembers what it was given.</summary>
public sealed class FakeSpeechToText(string? words) : ISpeechToText
{
    private readonly List<(string ContentType, byte[] Audio)> _heard = [];

    public IReadOnlyList<(string ContentType, byte[] Audio)> Heard
    {
        get
        {
            lock (_heard)
            {
                return [.. _heard];
            }
        }
    }

    public async Task<string?> TranscribeAsync(Stream audio, string contentType, CancellationToken cancellationToken)
    {
        using var copy = new MemoryStream();
        await audio.CopyToAsync(copy, cancellationToken);
        lock (_heard)
        {
            _heard.Add((contentType, copy.ToArray()));
        }

        return words;
    }
}
