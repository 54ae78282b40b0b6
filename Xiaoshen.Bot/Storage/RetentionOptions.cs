using System.ComponentModel.DataAnnotations;

namespace Xiaoshen.Bot.Storage;

/// <summary>How long conversations are kept. Bound from <c>Retention</c>.</summary>
public sealed class RetentionOptions
{
    public const string SectionName = "Retention";

    /// <summary>
    /// Transcripts, Direct Line logs, feedback, dialog state, call-back tickets, dead letters and uploaded files older
    /// than this are deleted; handoff records lose their free text and are kept for the reports.
    /// </summary>
    [Range(1, 3650)]
    public int Days { get; set; } = 180;

    /// <summary>How often the deletion runs (it also runs at start).</summary>
    [Range(1, 24 * 7)]
    public int IntervalHours { get; set; } = 24;
}
