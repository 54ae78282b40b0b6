using System.Collections.Concurrent;

namespace Xiaoshen.Bot.Handoff;

/// <summary>Presence on this node only: one timestamp per agent who was ever heard (a few hundred at most). Singleton.</summary>
public sealed class InMemoryHumanAgentPresence : IHumanAgentPresence
{
    private readonly ConcurrentDictionary<string, DateTimeOffset> _heard = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, bool> _busy = new(StringComparer.Ordinal);

    public void Heard(string humanAgentId, DateTimeOffset at) =>
        _heard.AddOrUpdate(humanAgentId, at, (_, known) => at > known ? at : known);

    public DateTimeOffset? LastHeard(string humanAgentId) => _heard.TryGetValue(humanAgentId, out var at) ? at : null;

    public Task<DateTimeOffset?> LastHeardNowAsync(string humanAgentId) => Task.FromResult(LastHeard(humanAgentId));

    public IReadOnlyDictionary<string, DateTimeOffset> HeardSince(DateTimeOffset since) =>
        _heard.Where(h => h.Value >= since).ToDictionary(h => h.Key, h => h.Value, StringComparer.Ordinal);

    public Task SetAvailableAsync(string humanAgentId, bool available)
    {
        if (available)
        {
            _busy.TryRemove(humanAgentId, out _);
        }
        else
        {
            _busy[humanAgentId] = true;
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlySet<string>> BusyAsync() => Task.FromResult<IReadOnlySet<string>>(_busy.Keys.ToHashSet(StringComparer.Ordinal));
}
