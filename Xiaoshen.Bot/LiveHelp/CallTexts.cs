using System.ComponentModel.DataAnnotations;

namespace Xiaoshen.Bot.LiveHelp;

/// <summary>What the transcript and the person are told of a call (Chinese, <c>Calls:Texts</c>).</summary>
public sealed class CallTexts
{
    [Required] public string VideoCall { get; set; } = string.Empty;

    [Required] public string VoiceCall { get; set; } = string.Empty;

    /// <summary>For agents, in the transcript: {Kind}, {Agent}, {Duration}, {Ender}.</summary>
    [Required] public string Recorded { get; set; } = string.Empty;

    /// <summary>For agents, in the transcript: {Kind}, {Agent}, {Reason}.</summary>
    [Required] public string NotConnected { get; set; } = string.Empty;

    /// <summary>To the person after a call: {Kind}, {Duration}.</summary>
    [Required] public string EndedForPerson { get; set; } = string.Empty;

    /// <summary>To the person after a call that did not connect: {Kind}, {Agent}.</summary>
    [Required] public string NotConnectedForPerson { get; set; } = string.Empty;

    /// <summary>{Minutes}, {Seconds}.</summary>
    [Required] public string DurationMinutes { get; set; } = string.Empty;

    /// <summary>{Seconds}.</summary>
    [Required] public string DurationSeconds { get; set; } = string.Empty;

    [Required] public string EnderPerson { get; set; } = string.Empty;

    [Required] public string EnderSystem { get; set; } = string.Empty;

    /// <summary>Why a call ended before connecting, or was ended by Xiaoshen, by <see cref="CallEnd"/> name.</summary>
    [MinLength(1)] public Dictionary<string, string> Reasons { get; set; } = [];
}
