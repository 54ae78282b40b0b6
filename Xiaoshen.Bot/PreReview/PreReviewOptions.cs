using System.ComponentModel.DataAnnotations;

namespace Xiaoshen.Bot.PreReview;

/// <summary>Material pre-review in the chat: how it is asked for, how many photos, where they are kept and for how long. Bound from <c>PreReview</c>.</summary>
public sealed class PreReviewOptions
{
    public const string SectionName = "PreReview";

    /// <summary>Phrases (contained in a message) by which a person asks for their materials to be checked.</summary>
    [MinLength(1)] public string[] StartPhrases { get; set; } = [];

    /// <summary>Messages that mean "I have sent everything, check now".</summary>
    [MinLength(1)] public string[] SubmitWords { get; set; } = [];

    /// <summary>Messages that end the pre-review being collected.</summary>
    [MinLength(1)] public string[] CancelWords { get; set; } = [];

    /// <summary>Photos one pre-review takes.</summary>
    [Range(1, 50)] public int MaxUploadsPerCase { get; set; } = 12;

    /// <summary>Largest photo read, in bytes.</summary>
    [Range(100_000, 50_000_000)] public long MaxImageBytes { get; set; } = 20_000_000;

    /// <summary>Days the photos are kept after a pre-review starts; then they are deleted, the channel's copy too.</summary>
    [Range(1, 365)] public int ImageRetentionDays { get; set; } = 30;

    /// <summary>
    /// Days a closed pre-review (reviewed, cancelled, or left unsent) is kept after its last step, what was read from its
    /// photos and its findings with it; then its rows are deleted. At least <see cref="ImageRetentionDays"/>.
    /// </summary>
    [Range(1, 3650)] public int CaseRetentionDays { get; set; } = 180;

    /// <summary>How often the photos past their retention are looked for.</summary>
    [Range(1, 1440)] public int RetentionSweepMinutes { get; set; } = 60;

    /// <summary>Where photos are kept; relative paths are beside the content folder (several nodes need one shared absolute path).</summary>
    [Required] public string StoragePath { get; set; } = "data/prereview";

    /// <summary>Working days the department has to confirm or correct a result.</summary>
    [Range(1, 10)] public int ReviewWorkingDays { get; set; } = 1;

    /// <summary>Share of clearly red pixels from which a photo is taken to show a seal (a 4 cm seal on an A4 page is about 0.5 %).</summary>
    [Range(0.0001, 0.2)] public double SealMinRedShare { get; set; } = 0.002;
}
