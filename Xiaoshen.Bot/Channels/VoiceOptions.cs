using System.ComponentModel.DataAnnotations;

namespace Xiaoshen.Bot.Channels;

/// <summary>Voice messages (录音): how long a recording may be, and how long speech recognition may take.</summary>
public sealed class VoiceOptions
{
    public const string SectionName = "Voice";

    /// <summary>The longest recording the web chat and the agent console make; the recorder stops there.</summary>
    [Range(5, 600)]
    public int MaxRecordingSeconds { get; set; } = 60;

    /// <summary>How long a configured <see cref="ISpeechToText"/> may take before the message goes on without text.</summary>
    [Range(1, 120)]
    public int TranscriptionTimeoutSeconds { get; set; } = 15;

    /// <summary>Longest transcript kept (the rest is cut), like a typed message's cap.</summary>
    [Range(100, 10000)]
    public int MaxTranscriptCharacters { get; set; } = 2000;
}
