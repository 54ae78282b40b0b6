using System.Text;

namespace Xiaoshen.Bot.Attachments;

/// <summary>
/// The file types Xiaoshen keeps, each with the extension it is stored under and a check of its first bytes (the "magic
/// number"). A file whose bytes do not match its declared type is refused, and so is a type that cannot be checked, so
/// nothing is ever served under a type it is not (an HTML page or a script declared as an image).
/// </summary>
internal static class UploadSignatures
{
    /// <summary>How many leading bytes <see cref="Matches"/> needs (a PDF header may follow some bytes of junk).</summary>
    public const int HeadLength = 1024;

    private static readonly Dictionary<string, (string Extension, Func<byte[], bool> Matches)> Types = new(StringComparer.OrdinalIgnoreCase)
    {
        ["image/png"] = (".png", h => StartsWith(h, 0, [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])),
        ["image/jpeg"] = (".jpg", h => StartsWith(h, 0, [0xFF, 0xD8, 0xFF])),
        ["image/gif"] = (".gif", h => StartsWith(h, 0, "GIF87a"u8) || StartsWith(h, 0, "GIF89a"u8)),
        ["image/webp"] = (".webp", h => Riff(h, "WEBP"u8)),
        ["image/bmp"] = (".bmp", h => StartsWith(h, 0, "BM"u8)),
        ["image/heic"] = (".heic", h => IsoMedia(h, "heic", "heix", "hevc", "heim", "heis", "mif1", "msf1")),
        ["image/heif"] = (".heif", h => IsoMedia(h, "mif1", "msf1", "heic", "heix")),
        ["audio/mpeg"] = (".mp3", h => StartsWith(h, 0, "ID3"u8) || FrameSync(h)),
        ["audio/wav"] = (".wav", h => Riff(h, "WAVE"u8)),
        ["audio/x-wav"] = (".wav", h => Riff(h, "WAVE"u8)),
        ["audio/wave"] = (".wav", h => Riff(h, "WAVE"u8)),
        ["audio/webm"] = (".webm", Ebml),
        ["audio/ogg"] = (".ogg", h => StartsWith(h, 0, "OggS"u8)),
        ["audio/mp4"] = (".m4a", h => IsoMedia(h)),
        ["audio/x-m4a"] = (".m4a", h => IsoMedia(h)),
        ["audio/aac"] = (".aac", h => h.Length >= 2 && h[0] == 0xFF && (h[1] & 0xF6) == 0xF0),
        ["audio/amr"] = (".amr", h => StartsWith(h, 0, "#!AMR"u8)),
        ["video/mp4"] = (".mp4", h => IsoMedia(h)),
        ["video/webm"] = (".webm", Ebml),
        ["video/quicktime"] = (".mov", h => IsoMedia(h) || QuickTimeAtom(h)),
        ["application/pdf"] = (".pdf", h => h.AsSpan().IndexOf("%PDF-"u8) >= 0),
    };

    /// <summary>True when files of <paramref name="contentType"/> can be checked and kept.</summary>
    public static bool IsKnown(string contentType) => Types.ContainsKey(MediaType(contentType));

    /// <summary>The extension a file of <paramref name="contentType"/> is stored under.</summary>
    public static string ExtensionOf(string contentType) => Types.TryGetValue(MediaType(contentType), out var type) ? type.Extension : ".bin";

    /// <summary>True when <paramref name="head"/> (the first <see cref="HeadLength"/> bytes, or the whole file) is a file of <paramref name="contentType"/>.</summary>
    public static bool Matches(string contentType, byte[] head) => Types.TryGetValue(MediaType(contentType), out var type) && type.Matches(head);

    /// <summary>The first <see cref="HeadLength"/> bytes of <paramref name="content"/> (fewer when it is shorter).</summary>
    public static async Task<byte[]> ReadHeadAsync(Stream content, CancellationToken cancellationToken)
    {
        var head = new byte[HeadLength];
        var length = 0;
        int read;
        while (length < head.Length && (read = await content.ReadAsync(head.AsMemory(length), cancellationToken)) > 0)
        {
            length += read;
        }

        return head[..length];
    }

    private static string MediaType(string contentType) => contentType.Split(';')[0].Trim();

    private static bool StartsWith(byte[] head, int offset, ReadOnlySpan<byte> signature) =>
        head.Length >= offset + signature.Length && head.AsSpan(offset, signature.Length).SequenceEqual(signature);

    // RIFF containers: "RIFF", a length, then the form type.
    private static bool Riff(byte[] head, ReadOnlySpan<byte> form) => StartsWith(head, 0, "RIFF"u8) && StartsWith(head, 8, form);

    // Matroska/WebM: the EBML header.
    private static bool Ebml(byte[] head) => StartsWith(head, 0, [0x1A, 0x45, 0xDF, 0xA3]);

    // MPEG audio without a tag: an 11-bit frame sync.
    private static bool FrameSync(byte[] head) => head.Length >= 2 && head[0] == 0xFF && (head[1] & 0xE0) == 0xE0;

    // ISO base media (mp4, m4a, mov, heic): a box of type "ftyp" first, optionally with one of the given major brands.
    private static bool IsoMedia(byte[] head, params string[] brands) =>
        StartsWith(head, 4, "ftyp"u8) && (brands.Length == 0 || (head.Length >= 12 && brands.Contains(Encoding.ASCII.GetString(head, 8, 4))));

    // Older QuickTime files start with another top-level atom.
    private static bool QuickTimeAtom(byte[] head) =>
        head.Length >= 8 && Encoding.ASCII.GetString(head, 4, 4) is "moov" or "mdat" or "wide" or "free" or "skip" or "pnot";
}
