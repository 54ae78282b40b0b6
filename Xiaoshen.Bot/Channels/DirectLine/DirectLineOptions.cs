using System.ComponentModel.DataAnnotations;

namespace Xiaoshen.Bot.Channels.DirectLine;

/// <summary>Xiaoshen's own Direct Line 3.0-compatible channel. Bound from <c>DirectLine</c>.</summary>
public sealed class DirectLineOptions
{
    public const string SectionName = "DirectLine";

    /// <summary>
    /// The Direct Line secret: only servers use it (to mint tokens); browsers get tokens. Empty means a random secret for
    /// this process, so tokens do not survive a restart — set one in production (user-secrets or DirectLine__Secret).
    /// </summary>
    public string Secret { get; set; } = string.Empty;

    [Range(1, 24 * 60)]
    public int TokenLifetimeMinutes { get; set; } = 30;

    /// <summary>Activities kept per conversation for reconnects with a watermark.</summary>
    [Range(10, 100_000)]
    public int ActivitiesKept { get; set; } = 1000;

    /// <summary>Largest file a person may send.</summary>
    [Range(1024, 200 * 1024 * 1024)]
    public long MaxUploadBytes { get; set; } = 20 * 1024 * 1024;

    /// <summary>Media types accepted as uploads (a trailing /* accepts the whole family).</summary>
    [MinLength(1)]
    public string[] UploadTypes { get; set; } = ["image/*", "audio/*", "video/mp4", "video/webm", "video/quicktime", "application/pdf"];

    /// <summary>Where uploaded files are kept, relative to the folder holding the content.</summary>
    [Required]
    public string UploadPath { get; set; } = Path.Combine("data", "uploads");

    /// <summary>How long a link to an uploaded file stays valid.</summary>
    [Range(1, 7 * 24 * 60)]
    public int AttachmentLinkMinutes { get; set; } = 24 * 60;

    /// <summary>Token requests allowed per client address per minute on <c>/webchat/token</c>.</summary>
    [Range(1, 10_000)]
    public int TokenRequestsPerMinute { get; set; } = 20;
}
