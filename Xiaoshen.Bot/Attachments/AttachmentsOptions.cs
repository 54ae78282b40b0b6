using System.ComponentModel.DataAnnotations;

namespace Xiaoshen.Bot.Attachments;

/// <summary>
/// Files people and agents send: what is accepted, how much, where it is kept and how long its links work. Shared by
/// the web chat's uploads, the agent console and the channels that deliver agents' files. Bound from <c>Attachments</c>.
/// </summary>
public sealed class AttachmentsOptions
{
    public const string SectionName = "Attachments";

    /// <summary>Largest file a person (or an agent) may send.</summary>
    [Range(1024, 200 * 1024 * 1024)]
    public long MaxUploadBytes { get; set; } = 20 * 1024 * 1024;

    /// <summary>Files one conversation may send in all.</summary>
    [Range(1, 10_000)]
    public int MaxUploadsPerConversation { get; set; } = 20;

    /// <summary>Bytes one conversation may send in all.</summary>
    [Range(1024, 100L * 1024 * 1024 * 1024)]
    public long MaxUploadBytesPerConversation { get; set; } = 100L * 1024 * 1024;

    /// <summary>Files one client address may send per day (Beijing time).</summary>
    [Range(1, 1_000_000)]
    public int MaxUploadsPerAddressPerDay { get; set; } = 100;

    /// <summary>Bytes one client address may send per day (Beijing time).</summary>
    [Range(1024, 100L * 1024 * 1024 * 1024)]
    public long MaxUploadBytesPerAddressPerDay { get; set; } = 500L * 1024 * 1024;

    /// <summary>Bytes the deployment (every node together) accepts from everyone per day (Beijing time): what the shared folder is sized for.</summary>
    [Range(1024, 100L * 1024 * 1024 * 1024 * 1024)]
    public long MaxUploadBytesPerDay { get; set; } = 5L * 1024 * 1024 * 1024;

    /// <summary>
    /// How long an upload's reservation counts against the quotas while its file is written. A reservation older than this
    /// was left by a node that stopped mid-upload: it no longer counts, and retention deletes it with its partial file.
    /// </summary>
    [Range(1, 24 * 60)]
    public int UploadReservationMinutes { get; set; } = 30;

    /// <summary>Media types accepted as uploads (a trailing /* accepts the family); only types whose content can be checked (<see cref="UploadSignatures"/>) are ever kept.</summary>
    [MinLength(1)]
    public string[] UploadTypes { get; set; } = ["image/*", "audio/*", "video/mp4", "video/webm", "video/quicktime", "application/pdf"];

    /// <summary>
    /// Where uploaded files are kept, relative to the folder holding the content; with several nodes the absolute path of
    /// a folder they all share (a start is refused otherwise).
    /// </summary>
    [Required]
    public string UploadPath { get; set; } = Path.Combine("data", "uploads");

    /// <summary>How long a link to an uploaded file stays valid.</summary>
    [Range(1, 7 * 24 * 60)]
    public int AttachmentLinkMinutes { get; set; } = 24 * 60;
}
