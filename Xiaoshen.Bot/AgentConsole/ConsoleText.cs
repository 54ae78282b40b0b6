using Microsoft.Extensions.Options;

namespace Xiaoshen.Bot.AgentConsole;

/// <summary>The console's labels by key (<c>AgentConsole:Text</c>); a missing key shows itself, so it is noticed, not hidden.</summary>
public sealed class ConsoleText(IOptionsMonitor<AgentConsoleOptions> options)
{
    public string this[string key] => options.CurrentValue.Text.TryGetValue(key, out var text) ? text : key;

    /// <summary>The label, or null when there is none (for keys built from data).</summary>
    public string? TryGet(string key) => options.CurrentValue.Text.GetValueOrDefault(key);

    /// <summary>A label with {Name} placeholders filled.</summary>
    public string Format(string key, params (string Name, string? Value)[] values) =>
        Conversations.ConversationMessages.Fill(this[key], values);
}
