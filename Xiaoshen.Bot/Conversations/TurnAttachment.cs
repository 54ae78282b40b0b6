using System.Text.Json;

namespace Xiaoshen.Bot.Conversations;

/// <summary>A file of a turn: where it is kept (<paramref name="Key"/>, a name in the conversation's upload folder) or linked.</summary>
/// <param name="ContentType">Its media type.</param>
/// <param name="Name">The file name shown.</param>
/// <param name="Key">The stored file's name when Xiaoshen keeps it; null for a channel link.</param>
/// <param name="Url">The channel's own link when Xiaoshen does not keep the file.</param>
/// <param name="Transcript">The words recognised in a voice message (masked of personal data), when there are any.</param>
public sealed record TurnAttachment(string ContentType, string Name, string? Key, string? Url, string? Transcript = null)
{
    public bool IsImage => ContentType.StartsWith("image/", StringComparison.OrdinalIgnoreCase);

    public static string? Serialize(IReadOnlyList<TurnAttachment> attachments) =>
        attachments.Count == 0 ? null : JsonSerializer.Serialize(attachments);

    public static IReadOnlyList<TurnAttachment> Parse(string? json) =>
        json is null ? [] : JsonSerializer.Deserialize<List<TurnAttachment>>(json) ?? [];
}
