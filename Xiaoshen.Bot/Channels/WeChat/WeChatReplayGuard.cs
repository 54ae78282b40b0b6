using System.Globalization;
using Microsoft.Extensions.Options;

namespace Xiaoshen.Bot.Channels.WeChat;

/// <summary>
/// Keeps a captured callback from being played again (issue 11, item 13). A signature is accepted only within
/// <see cref="WeChatOptions.TimestampToleranceSeconds"/> of its timestamp, for one push only (in plaintext mode the
/// signature does not cover the body), and a push is taken once within <see cref="WeChatOptions.DeduplicationHours"/>.
/// What it remembers is kept in <see cref="IWeChatReplayMemory"/> (shared by the nodes when Redis is configured); a
/// replay older than the tolerance is refused by its timestamp whatever was forgotten. Singleton.
/// </summary>
public sealed class WeChatReplayGuard(IWeChatReplayMemory memory, IOptions<WeChatOptions> options, TimeProvider time)
{
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
    public async Task<bool> IsSignatureForAsync(WeChatApp app, string timestamp, string nonce, string pushKey)
    {
        // A signature stays usable as long as its timestamp is fresh: at most twice the tolerance.
        var bound = await memory.RememberAsync(WeChatReplayKind.Signature, $"{app.Channel}/{app.Name}/{timestamp}/{nonce}", pushKey, 2 * Tolerance);
        return bound is null || bound == pushKey;
    }

    /// <summary>True the first time <paramref name="key"/> is seen within the de-duplication period, on any node.</summary>
    public async Task<bool> IsFirstSeenAsync(string key) =>
        await memory.RememberAsync(WeChatReplayKind.Push, key, string.Empty, TimeSpan.FromHours(options.Value.DeduplicationHours)) is null;
}
