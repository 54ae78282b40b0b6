using System.Text.Json.Serialization;

namespace Xiaoshen.Bot.LiveHelp;

/// <summary>One entry of RTCConfiguration.iceServers.</summary>
public sealed record IceServer(
    [property: JsonPropertyName("urls")] string[] Urls,
    [property: JsonPropertyName("username"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Username,
    [property: JsonPropertyName("credential"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Credential);
