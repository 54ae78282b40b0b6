using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Xiaoshen.Tests.Api;

/// <summary>
/// Talks to /api/messages like the Bot Framework Emulator with <c>deliveryMode: expectReplies</c>. Typing indicators are
/// left out unless <paramref name="typing"/> asks for them: the bot sends one when a turn takes longer than
/// <c>TypingDelayMilliseconds</c>, which any turn may on a loaded machine, and tests count the replies a person reads.
/// </summary>
public sealed class BotClient(HttpClient http, string conversationId, string channel = "emulator", bool typing = false)
{
    public string ConversationId { get; } = conversationId;

    public Task<IReadOnlyList<BotActivity>> SayAsync(string text) => SendAsync(new JsonObject
    {
        ["type"] = "message",
        ["text"] = text,
    });

    public Task<IReadOnlyList<BotActivity>> JoinAsync() => SendAsync(new JsonObject
    {
        ["type"] = "conversationUpdate",
        ["membersAdded"] = new JsonArray(new JsonObject { ["id"] = "user-1" }),
    });

    public async Task<IReadOnlyList<BotActivity>> SendAsync(JsonObject activity)
    {
        activity["id"] ??= Guid.NewGuid().ToString("N");
        activity["channelId"] ??= channel;
        activity["serviceUrl"] ??= "http://localhost:9/";
        activity["deliveryMode"] ??= "expectReplies";
        activity["conversation"] ??= new JsonObject { ["id"] = ConversationId };
        activity["from"] ??= new JsonObject { ["id"] = "user-1" };
        activity["recipient"] ??= new JsonObject { ["id"] = "xiaoshen" };
        var response = await http.PostAsJsonAsync("/api/messages", activity);
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return body.GetProperty("activities").EnumerateArray().Select(BotActivity.From).Where(a => typing || a.Type != "typing").ToList();
    }
}

/// <summary>What the person sees of one activity.</summary>
public sealed record BotActivity(string Type, string Text, string? TextFormat, IReadOnlyList<(string Type, string Title, string Value)> Buttons, IReadOnlyList<string> Suggestions)
{
    public static BotActivity From(JsonElement a)
    {
        var buttons = a.TryGetProperty("attachments", out var attachments)
            ? attachments.EnumerateArray()
                .SelectMany(x => x.TryGetProperty("content", out var c) && c.ValueKind == JsonValueKind.Object && c.TryGetProperty("buttons", out var b) ? b.EnumerateArray() : Enumerable.Empty<JsonElement>())
                .Select(b => (b.GetProperty("type").GetString()!, b.GetProperty("title").GetString()!, b.GetProperty("value").GetString()!))
                .ToList()
            : [];
        var suggestions = a.TryGetProperty("suggestedActions", out var s) && s.ValueKind == JsonValueKind.Object
            ? s.GetProperty("actions").EnumerateArray().Select(x => x.GetProperty("title").GetString()!).ToList()
            : [];
        return new BotActivity(
            a.GetProperty("type").GetString()!,
            a.TryGetProperty("text", out var t) ? t.GetString() ?? string.Empty : string.Empty,
            a.TryGetProperty("textFormat", out var f) ? f.GetString() : null,
            buttons,
            suggestions)
        {
            Name = a.TryGetProperty("name", out var n) ? n.GetString() : null,
            Raw = a.Clone(),
        };
    }

    /// <summary>The event name, for event activities.</summary>
    public string? Name { get; init; }

    /// <summary>The whole activity as sent.</summary>
    public JsonElement Raw { get; init; }
}
