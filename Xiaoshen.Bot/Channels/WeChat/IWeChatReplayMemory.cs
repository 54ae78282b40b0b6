namespace Xiaoshen.Bot.Channels.WeChat;

/// <summary>
/// What <see cref="WeChatReplayGuard"/> remembers: which push each callback signature came with, and which pushes were
/// taken. In memory on one node; in Redis when several nodes run, so a push WeChat delivers to two nodes (its retries
/// go to whichever the load balancer picks) is taken once. Implementations are thread-safe.
/// </summary>
public interface IWeChatReplayMemory
{
    /// <summary>
    /// Remembers <paramref name="key"/> of <paramref name="kind"/> with <paramref name="value"/> for
    /// <paramref name="keep"/> unless it is remembered already. Returns the value remembered before, or null when new.
    /// </summary>
    Task<string?> RememberAsync(WeChatReplayKind kind, string key, string value, TimeSpan keep);
}

/// <summary>The two things a replay guard remembers, each with its own lifetime.</summary>
public enum WeChatReplayKind
{
    Signature,
    Push,
}
