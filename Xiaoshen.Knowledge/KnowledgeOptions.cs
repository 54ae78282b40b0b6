using System.ComponentModel.DataAnnotations;

namespace Xiaoshen.Knowledge;

/// <summary>Where content is read from and where index builds are written. Bound from the <c>Knowledge</c> section.</summary>
public sealed class KnowledgeOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Knowledge";

    /// <summary>The content folder editors maintain (<c>Knowledge:ContentPath</c>).</summary>
    [Required]
    public string ContentPath { get; set; } = "knowledge-base";

    /// <summary>Where index builds go, one sub-folder per build (<c>Knowledge:IndexPath</c>).</summary>
    [Required]
    public string IndexPath { get; set; } = Path.Combine("data", "index");

    /// <summary>Whether the running service watches the content folder and rebuilds on change.</summary>
    public bool WatchContent { get; set; } = true;

    /// <summary>Quiet time after the last file change before a rebuild starts, so a multi-file save builds once.</summary>
    [Range(50, 60_000)]
    public int RebuildDelayMilliseconds { get; set; } = 1000;

    /// <summary>How often the content hash is checked as well, in case file notifications are lost (network drives, containers).</summary>
    [Range(1, 3600)]
    public int PollSeconds { get; set; } = 30;
}
