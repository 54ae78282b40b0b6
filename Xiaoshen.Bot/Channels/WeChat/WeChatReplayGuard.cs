using System.Globalization;
using Microsoft.Extensions.Options;

namespace Xiaoshen.Bot.Channels.WeChat;

/// <summary>
/// Keeps a captured callback from being played again (issue 11, item 13). A signature is accepted only within
/// <see cref="WeChatOptions.TimestampToleranceSeconds"/> of its timestamp, for one push only (in plaintext mode the
/// signature does not cover the body), and a push is taken once within <see cref="WeChatOptions.DeduplicationHours"/>.
/// What it remembers is capped at <see cref="WeChatOptions.DeduplicationCapacity"/> entries per kind; a replay older
/// than the tolerance is refused by its timestamp whatever was forgotten. Singleton.
/// </summary>
public sealed class WeChatReplayGuard(IOptions<WeChatOptions> options, TimeProvider time)
{
    private readonly ExpiringMemory _signatures = new(options.Value.DeduplicationCapacity);
    private readonly ExpiringMemory _pushes = new(options.Value.DeduplicationCapacity);

    private TimeSpan Tolerance => TimeSpan.FromSeconds(options.Value.TimestampToleranceSeconds);

    /// <summary>True when <paramref name="timestamp"/> (Unix seconds, as WeChat signs it) is within the tolerance of now, either way.</summary>
    public bool IsFresh(string? timestamp) =>
        long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
        && seconds is > 0 and < 253402300800 // 9999-12-31: anything later is not a time
        && (time.GetUtcNow() - DateTimeOffset.FromUnixTimeSeconds(seconds)).Duration() <= Tolerance;

    /// <summary>
    /// Ties the callback signature of <paramref name="timestamp"/> and <paramref name="nonce"/> to the push it came with;
    /// false when it already came with another push (WeChat's own retries carry the same one).
    /// </summary>
    public bool IsSignatureFor(WeChatApp app, string timestamp, string nonce, string pushKey)
    {
        // A signature stays usable as long as its timestamp is fresh: at most twice the tolerance.
        var bound = _signatures.Remember($"{app.Channel}/{app.Name}/{timestamp}/{nonce}", pushKey, time.GetUtcNow(), 2 * Tolerance);
        return bound is null || bound == pushKey;
    }

    /// <summary>True the first time <paramref name="key"/> is seen within the de-duplication period.</summary>
    public bool IsFirstSeen(string key) =>
        _pushes.Remember(key, string.Empty, time.GetUtcNow(), TimeSpan.FromHours(options.Value.DeduplicationHours)) is null;
}
