using System.Text.Json;
using System.Text.Json.Nodes;

namespace Xiaoshen.Bot.LiveHelp;

/// <summary>
/// One signalling message of a call (WebRTC offer, answer and ICE candidates, and the call's own steps), as relayed
/// between the two browsers. Only known fields of bounded size pass; anything else a browser sends is dropped.
/// </summary>
public sealed record CallSignal(string Type, Guid CallId)
{
    public const string Invite = "invite";
    public const string Accept = "accept";
    public const string Decline = "decline";
    public const string Offer = "offer";
    public const string Answer = "answer";
    public const string Ice = "ice";
    public const string Connected = "connected";
    public const string MediaSwitch = "media";
    public const string Hangup = "hangup";
    public const string Failed = "failed";
    public const string End = "end";

    private const int MaxCandidates = 64;
    private const int MaxCandidateLength = 1024;

    private static readonly string[] MediaKinds = ["camera", "screen", "audio"];

    /// <summary>The session description of an offer or answer.</summary>
    public string? Sdp { get; init; }

    /// <summary>ICE candidates (RTCIceCandidateInit objects).</summary>
    public JsonArray? Candidates { get; init; }

    /// <summary>What the person sends: camera, screen or audio.</summary>
    public string? Media { get; init; }

    /// <summary>Why the call ended (a <see cref="CallEnd"/> name), on <see cref="End"/>.</summary>
    public string? Reason { get; init; }

    /// <summary>The signal in <paramref name="json"/> when it is one of <paramref name="allowed"/> and well-formed; null otherwise.</summary>
    public static CallSignal? Parse(string json, int maxCharacters, params string[] allowed)
    {
        if (json.Length > maxCharacters)
        {
            return null;
        }

        try
        {
            if (JsonNode.Parse(json) is not JsonObject value
                || value["type"]?.GetValueKind() != JsonValueKind.String || value["type"]!.GetValue<string>() is not { } type || !allowed.Contains(type)
                || value["callId"]?.GetValueKind() != JsonValueKind.String || !Guid.TryParse(value["callId"]!.GetValue<string>(), out var callId))
            {
                return null;
            }

            var signal = new CallSignal(type, callId);
            return type switch
            {
                Offer or Answer => Text(value, "sdp") is { Length: > 0 } sdp ? signal with { Sdp = sdp } : null,
                Ice => CandidatesOf(value) is { } candidates ? signal with { Candidates = candidates } : null,
                Accept or MediaSwitch => Text(value, "media") is { } media && MediaKinds.Contains(media) ? signal with { Media = media } : null,
                _ => signal,
            };
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>The signal as the other browser receives it.</summary>
    public JsonObject ToJson()
    {
        var json = new JsonObject { ["type"] = Type, ["callId"] = CallId.ToString("N") };
        if (Sdp is not null)
        {
            json["sdp"] = Sdp;
        }

        if (Candidates is not null)
        {
            json["candidates"] = Candidates.DeepClone();
        }

        if (Media is not null)
        {
            json["media"] = Media;
        }

        if (Reason is not null)
        {
            json["reason"] = Reason;
        }

        return json;
    }

    private static string? Text(JsonObject value, string name) =>
        value[name] is JsonValue text && text.GetValueKind() == JsonValueKind.String ? text.GetValue<string>() : null;

    // Each candidate keeps only the fields of RTCIceCandidateInit, each bounded.
    private static JsonArray? CandidatesOf(JsonObject value)
    {
        if (value["candidates"] is not JsonArray given || given.Count > MaxCandidates)
        {
            return null;
        }

        var kept = new JsonArray();
        foreach (var item in given)
        {
            if (item is not JsonObject candidate || Text(candidate, "candidate") is not { Length: <= MaxCandidateLength } line)
            {
                return null;
            }

            var clean = new JsonObject { ["candidate"] = line };
            if (Text(candidate, "sdpMid") is { Length: <= 64 } mid)
            {
                clean["sdpMid"] = mid;
            }

            if (candidate["sdpMLineIndex"] is JsonValue index && index.GetValueKind() == JsonValueKind.Number && index.TryGetValue<int>(out var number) && number is >= 0 and < 64)
            {
                clean["sdpMLineIndex"] = number;
            }

            if (Text(candidate, "usernameFragment") is { Length: <= 256 } fragment)
            {
                clean["usernameFragment"] = fragment;
            }

            kept.Add(clean);
        }

        return kept;
    }
}
