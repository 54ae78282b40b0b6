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

    /// <summary>
    /// Store the episodes of closed days and read those instead of projecting the raw rows again (docs/reports.md).
    /// Off: every report projects its whole period live.
    /// </summary>
    public bool StoreClosedDays { get; set; } = true;

    /// <summary>Seconds after start before the first filling of closed days, so it does not compete with the start.</summary>
    [Range(0, 3600)]
    public int FillDelaySeconds { get; set; } = 30;

    /// <summary>Minutes between fillings of closed days (a day closes once a day; reports fill what they need themselves).</summary>
    [Range(1, 1440)]
    public int FillIntervalMinutes { get; set; } = 60;
}
