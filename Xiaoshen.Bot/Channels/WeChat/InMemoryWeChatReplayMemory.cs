using Microsoft.Extensions.Options;

namespace Xiaoshen.Bot.Channels.WeChat;

/// <summary>
/// Replay memory of a single node: at most <see cref="WeChatOptions.DeduplicationCapacity"/> entries per kind, the
/// oldest forgotten first. Singleton.
/// </summary>
public sealed class InMemoryWeChatReplayMemory(IOptions<WeChatOptions> options, TimeProvider time) : IWeChatReplayMemory
{
    private readonly ExpiringMemory _signatures = new(options.Value.DeduplicationCapacity);
    private readonly ExpiringMemory _pushes = new(options.Value.DeduplicationCapacity);

    public Task<string?> RememberAsync(WeChatReplayKind kind, string key, string value, TimeSpan keep) =>
        Task.FromResult((kind == WeChatReplayKind.Signature ? _signatures : _pushes).Remember(key, value, time.GetUtcNow(), keep));
}
