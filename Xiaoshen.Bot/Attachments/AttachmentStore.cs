using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using Xiaoshen.Bot.Channels.DirectLine;
using Xiaoshen.Bot.Hosting;
using Xiaoshen.Bot.Storage;
using Xiaoshen.Knowledge;

namespace Xiaoshen.Bot.Attachments;

/// <summary>
/// Files people and agents send (screenshots, voice and video messages) in the upload folder, behind signed links that
/// expire. Type, content and size are checked before anything is kept. With several nodes the folder is one they all
/// share, so a file kept by one node opens from any. The links are served by Direct Line's attachment route and signed
/// with its token key, which every node shares (<c>DirectLine:Secret</c>). Thread-safe.
/// </summary>
public sealed class AttachmentStore(IOptions<AttachmentsOptions> options, IOptions<KnowledgeOptions> knowledge, DirectLineTokens tokens, TimeProvider time) : IRetentionTarget
{
    private const int MaxNameLength = 64;

    public long MaxBytes => options.Value.MaxUploadBytes;

    /// <summary>True when files of <paramref name="contentType"/> are accepted and their content can be checked.</summary>
    public bool IsAllowed(string? contentType) =>
        contentType is not null && UploadSignatures.IsKnown(contentType) && options.Value.UploadTypes.Any(t => t.EndsWith("/*", StringComparison.Ordinal)
            ? contentType.StartsWith(t[..^1], StringComparison.OrdinalIgnoreCase)
            : string.Equals(t, contentType.Split(';')[0].Trim(), StringComparison.OrdinalIgnoreCase));

    /// <summary>Keeps the file and returns its name in the conversation's folder.</summary>
    public async Task<string> SaveAsync(string conversationId, string contentType, Stream content, CancellationToken cancellationToken)
    {
        var folder = Folder(conversationId);
        Directory.CreateDirectory(folder);
        var name = Guid.NewGuid().ToString("N") + UploadSignatures.ExtensionOf(contentType);
        await using var file = File.Create(Path.Combine(folder, name));
        await content.CopyToAsync(file, cancellationToken);
        return name;
    }

    /// <summary>Where a kept file is on this node.</summary>
    public string PathOf(string conversationId, string name) => Path.Combine(Folder(conversationId), name);

    /// <summary>Files kept for the conversation, and their bytes.</summary>
    public (int Files, long Bytes) Usage(string conversationId)
    {
        var folder = new DirectoryInfo(Folder(conversationId));
        if (!folder.Exists)
        {
            return (0, 0);
        }

        var files = folder.GetFiles();
        return (files.Length, files.Sum(f => f.Length));
    }

    /// <summary>Bytes of all files kept since <paramref name="since"/>.</summary>
    public long BytesSavedSince(DateTimeOffset since)
    {
        var root = new DirectoryInfo(Root);
        return root.Exists
            ? root.EnumerateFiles("*", SearchOption.AllDirectories).Where(f => f.LastWriteTimeUtc >= since.UtcDateTime).Sum(f => f.Length)
            : 0;
    }

    /// <summary>A link to the file that works until it expires.</summary>
    public string Link(string baseUrl, string conversationId, string name)
    {
        var expires = time.GetUtcNow().AddMinutes(options.Value.AttachmentLinkMinutes).ToUnixTimeSeconds();
        return $"{baseUrl}/v3/directline/attachments/{conversationId}/{name}?e={expires}&s={Sign(conversationId, name, expires)}";
    }

    /// <summary>The file's path when the link is genuine and unexpired; null otherwise.</summary>
    public string? Resolve(string conversationId, string name, long expires, string? signature)
    {
        if (expires < time.GetUtcNow().ToUnixTimeSeconds() || signature is null || !IsSafeName(conversationId) || !IsSafeName(name) || !IsGenuine(conversationId, name, expires, signature))
        {
            return null;
        }

        var path = Path.Combine(Folder(conversationId), name);
        return File.Exists(path) ? path : null;
    }

    /// <summary>
    /// The conversation and name of the file behind a link this store signed (on any host, expired or not), or null for
    /// any other URL. A person's client may send any URL as an attachment; only Xiaoshen's own files are shown as links.
    /// </summary>
    public (string ConversationId, string Name)? ReadOwnLink(string? url)
    {
        // A rooted path is checked as it is: on Unix, Uri would take "/v3/..." for a file path.
        var pathAndQuery = url is ['/', not '/', ..] ? url
            : Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp) ? uri.PathAndQuery
            : null;
        if (pathAndQuery?.Split('?', 2) is not [var path, var query]
            || path.Split('/') is not ["", "v3", "directline", "attachments", var conversationId, var name]
            || QueryHelpers.ParseQuery(query) is not { } parameters
            || !long.TryParse(parameters["e"], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var expires)
            || parameters["s"] is not [{ } signature])
        {
            return null;
        }

        conversationId = Uri.UnescapeDataString(conversationId);
        name = Uri.UnescapeDataString(name);
        return IsSafeName(conversationId) && IsSafeName(name) && IsGenuine(conversationId, name, expires, signature) ? (conversationId, name) : null;
    }

    private bool IsGenuine(string conversationId, string name, long expires, string signature) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(signature), Encoding.ASCII.GetBytes(Sign(conversationId, name, expires)));

    // Names are ours (hex ids, an extension): anything else cannot be a kept file.
    private static bool IsSafeName(string name) =>
        name.Length is > 0 and <= MaxNameLength && !name.Contains("..", StringComparison.Ordinal) && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_');

    private string Sign(string conversationId, string name, long expires) => tokens.Sign($"attachment/{conversationId}/{name}/{expires}");

    /// <summary>Deletes the files kept longer than the retention period, and the conversation folders left empty.</summary>
    public Task<int> DeleteOlderThanAsync(DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        var root = Root;
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

    private string Root => WorkspacePaths.BesideContent(knowledge.Value, options.Value.UploadPath);

    private string Folder(string conversationId) => IsSafeName(conversationId)
        ? Path.Combine(Root, conversationId)
        : throw new ArgumentException("Not a conversation id.", nameof(conversationId));
}
