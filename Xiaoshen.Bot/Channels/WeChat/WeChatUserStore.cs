using Microsoft.Bot.Builder;
using Newtonsoft.Json.Linq;
using Xiaoshen.Bot.Cluster;

namespace Xiaoshen.Bot.Channels.WeChat;

/// <summary>
/// Loads and saves <see cref="WeChatUserState"/> through the bot's <see cref="IStorage"/> (the database), one user at a
/// time on all nodes (<see cref="ITurnLock"/>): a second message from the same person waits for the first. Singleton.
/// </summary>
public sealed class WeChatUserStore(IStorage storage, ITurnLock turns)
{
    /// <summary>Runs <paramref name="change"/> on the user's state and saves it, with no other change to that user in between.</summary>
    public async Task<T> UpdateAsync<T>(WeChatApp app, string user, Func<WeChatUserState, Task<T>> change, CancellationToken cancellationToken)
    {
        var key = app.StateKey(user);
        await using var turn = await turns.AcquireAsync(key, cancellationToken);
        var stored = await storage.ReadAsync([key], cancellationToken);
        var state = stored.TryGetValue(key, out var value) && value is JObject json
            ? json.ToObject<WeChatUserState>() ?? new WeChatUserState()
            : new WeChatUserState();
        var result = await change(state);
        await storage.WriteAsync(new Dictionary<string, object> { [key] = state }, cancellationToken);
        return result;
    }
}
