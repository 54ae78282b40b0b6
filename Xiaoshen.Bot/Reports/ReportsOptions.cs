using System.ComponentModel.DataAnnotations;

namespace Xiaoshen.Bot.Reports;

/// <summary>How conversations are cut into episodes and how long a period a report may cover.</summary>
public sealed class ReportsOptions
{
    public const string SectionName = "Reports";

    /// <summary>A message of the person after this much silence starts a new episode (unless a person is still serving them).</summary>
    [Range(5, 1440)]
    public int EpisodeGapMinutes { get; set; } = 30;

    /// <summary>The longest period one report or export covers.</summary>
    [Range(1, 3660)]
    public int MaxPeriodDays { get; set; } = 366;
}
