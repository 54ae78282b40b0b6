using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Xiaoshen.Bot.Storage;
using Xiaoshen.Knowledge;

namespace Xiaoshen.Bot.Channels.DirectLine;

/// <summary>
/// Files people send (screenshots, voice and video messages) on the local file system, behind signed links that
/// expire. Type and size are checked before anything is kept. Thread-safe.
/// </summary>
public sealed class AttachmentStore(IOptions<DirectLineOptions> options, IOptions<KnowledgeOptions> knowledge, DirectLineTokens tokens, TimeProvider time) : IRetentionTarget
{
    private static readonly Dictionary<string, string> Extensions = new(StringComparer.OrdinalIgnoreCase)
    {
        ["image/png"] = ".png", ["image/jpeg"] = ".jpg", ["image/gif"] = ".gif", ["image/webp"] = ".webp",
        ["audio/mpeg"] = ".mp3", ["audio/wav"] = ".wav", ["audio/webm"] = ".webm", ["audio/ogg"] = ".ogg", ["audio/mp4"] = ".m4a",
        ["video/mp4"] = ".mp4", ["video/webm"] = ".webm", ["video/quicktime"] = ".mov", ["application/pdf"] = ".pdf",
    };

    public long MaxBytes => options.Value.MaxUploadBytes;

    public bool IsAllowed(string? contentType) =>
        contentType is not null && options.Value.UploadTypes.Any(t => t.EndsWith("/*", StringComparison.Ordinal)
            ? contentType.StartsWith(t[..^1], StringComparison.OrdinalIgnoreCase)
            : string.Equals(t, contentType, StringComparison.OrdinalIgnoreCase));

    /// <summary>Keeps the file and returns its name in the conversation's folder.</summary>
    public async Task<string> SaveAsync(string conversationId, string contentType, Stream content, CancellationToken cancellationToken)
    {
        var folder = Folder(conversationId);
        Directory.CreateDirectory(folder);
        var name = Guid.NewGuid().ToString("N") + Extensions.GetValueOrDefault(contentType.Split(';')[0].Trim(), ".bin");
        await using var file = File.Create(Path.Combine(folder, name));
        await content.CopyToAsync(file, cancellationToken);
        return name;
    }

    /// <summary>Where a kept file is on this node.</summary>
    public string PathOf(string conversationId, string name) => Path.Combine(Folder(conversationId), name);

    /// <summary>A link to the file that works until it expires.</summary>
    public string Link(string baseUrl, string conversationId, string name)
    {
        var expires = time.GetUtcNow().AddMinutes(options.Value.AttachmentLinkMinutes).ToUnixTimeSeconds();
        return $"{baseUrl}/v3/directline/attachments/{conversationId}/{name}?e={expires}&s={Sign(conversationId, name, expires)}";
    }

    /// <summary>The file's path when the link is genuine and unexpired; null otherwise.</summary>
    public string? Resolve(string conversationId, string name, long expires, string? signature)
    {
        if (expires < time.GetUtcNow().ToUnixTimeSeconds() || signature is null || name.Contains('/', StringComparison.Ordinal) || name.Contains("..", StringComparison.Ordinal)
            || !CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(signature), Encoding.ASCII.GetBytes(Sign(conversationId, name, expires))))
        {
            return null;
        }

        var path = Path.Combine(Folder(conversationId), name);
        return File.Exists(path) ? path : null;
    }

    private string Sign(string conversationId, string name, long expires) => tokens.Sign($"attachment/{conversationId}/{name}/{expires}");

    /// <summary>Deletes the files kept longer than the retention period, and the conversation folders left empty.</summary>
    public Task<int> DeleteOlderThanAsync(DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        var root = Root();
        var deleted = 0;
        if (!Directory.Exists(root))
        {
            return Task.FromResult(deleted);
        }

        foreach (var folder in Directory.EnumerateDirectories(root))
        {
            cancellationToken.ThrowIfCancellationRequested();
            foreach (var file in Directory.EnumerateFiles(folder).Where(f => File.GetLastWriteTimeUtc(f) < cutoff.UtcDateTime))
            {
                File.Delete(file);
                deleted++;
            }

            if (!Directory.EnumerateFileSystemEntries(folder).Any())
            {
                Directory.Delete(folder);
            }
        }

        return Task.FromResult(deleted);
    }

    private string Folder(string conversationId) => Path.Combine(Root(), conversationId);

    private string Root() => Path.IsPathRooted(options.Value.UploadPath)
        ? options.Value.UploadPath
        : Path.Combine(Path.GetDirectoryName(Path.GetFullPath(knowledge.Value.ContentPath))!, options.Value.UploadPath);
}
