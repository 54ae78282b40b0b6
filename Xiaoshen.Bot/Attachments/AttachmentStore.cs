using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Xiaoshen.Bot.Channels.DirectLine;
using Xiaoshen.Bot.Hosting;
using Xiaoshen.Bot.Storage;
using Xiaoshen.Knowledge;

namespace Xiaoshen.Bot.Attachments;

/// <summary>
/// Files people and agents send (screenshots, voice and video messages) in the upload folder, behind signed links that
/// expire. Type, content and size are checked before anything is kept. With several nodes the folder is one they all
/// share, so a file kept by one node opens from any; each file's metadata is a row in the database
/// (<see cref="UploadRecord"/>), which the quotas count and retention deletes by. The links are served by Direct Line's attachment route and signed
/// with its token key, which every node shares (<c>DirectLine:Secret</c>). Thread-safe.
/// </summary>
public sealed class AttachmentStore(
    IOptions<AttachmentsOptions> options, IOptions<KnowledgeOptions> knowledge, DirectLineTokens tokens, IServiceScopeFactory scopes, TimeProvider time) : IRetentionTarget
{
    private const int MaxNameLength = 64;
    private const int RetentionBatch = 500;

    public long MaxBytes => options.Value.MaxUploadBytes;

    /// <summary>True when files of <paramref name="contentType"/> are accepted and their content can be checked.</summary>
    public bool IsAllowed(string? contentType) =>
        contentType is not null && UploadSignatures.IsKnown(contentType) && options.Value.UploadTypes.Any(t => t.EndsWith("/*", StringComparison.Ordinal)
            ? contentType.StartsWith(t[..^1], StringComparison.OrdinalIgnoreCase)
            : string.Equals(t, contentType.Split(';')[0].Trim(), StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// Writes the file of a reservation (<see cref="UploadQuota.TryReserveAsync"/>) and marks its row kept. When the
    /// write fails or is cancelled, the partial file and the reservation are deleted, so the quota is freed.
    /// </summary>
    public async Task SaveAsync(UploadRecord reserved, Stream content, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reserved);
        var kept = false;
        try
        {
            var folder = Folder(reserved.ConversationId);
            Directory.CreateDirectory(folder);
            await using (var file = File.Create(Path.Combine(folder, reserved.Name)))
            {
                await content.CopyToAsync(file, cancellationToken);
            }

            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<XiaoshenDbContext>();
            var id = reserved.Id;
            var now = time.GetUtcNow().ToUniversalTime();

            // A reservation is only deleted as stale long after any upload ends; should it have gone, the row is stored again.
            if (await db.Uploads.Where(u => u.Id == id).ExecuteUpdateAsync(set => set.SetProperty(u => u.State, UploadState.Kept).SetProperty(u => u.SavedAt, now), cancellationToken) == 0)
            {
                reserved.State = UploadState.Kept;
                reserved.SavedAt = now;
                db.Uploads.Add(reserved);
                await db.SaveChangesAsync(cancellationToken);
            }

            kept = true;
        }
        finally
        {
            if (!kept)
            {
                // The request may be the thing cancelled: the clean-up must run regardless.
                await DeleteAsync(reserved.ConversationId, reserved.Name, CancellationToken.None);
            }
        }
    }

    /// <summary>Keeps a file a human agent sends (staff: no quota) and returns its name in the conversation's folder.</summary>
    public async Task<string> SaveFromHumanAgentAsync(string conversationId, string humanAgentId, string contentType, long bytes, Stream content, CancellationToken cancellationToken)
    {
        var reserved = Reservation(conversationId, contentType, bytes, null, UploadSender.HumanAgent, humanAgentId, time.GetUtcNow().ToUniversalTime());
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<XiaoshenDbContext>();
            db.Uploads.Add(reserved);
            await db.SaveChangesAsync(cancellationToken);
        }

        await SaveAsync(reserved, content, cancellationToken);
        return reserved.Name;
    }

    /// <summary>The row that reserves an upload, its file not yet written; the name is the row's id and an extension for the type.</summary>
    internal static UploadRecord Reservation(string conversationId, string contentType, long bytes, string? addressKey, UploadSender sender, string senderId, DateTimeOffset now)
    {
        var id = Guid.NewGuid();
        return new UploadRecord
        {
            Id = id,
            ConversationId = conversationId,
            Name = id.ToString("N") + UploadSignatures.ExtensionOf(contentType),
            ContentType = contentType,
            Bytes = bytes,
            AddressKey = addressKey,
            Sender = sender,
            SenderId = senderId,
            SavedAt = now,
            State = UploadState.Reserved,
        };
    }

    /// <summary>Where a kept file is on this node.</summary>
    public string PathOf(string conversationId, string name) => Path.Combine(Folder(conversationId), name);

    /// <summary>Deletes a file and its row (an upload that failed, or whose retention came early).</summary>
    public async Task DeleteAsync(string conversationId, string name, CancellationToken cancellationToken)
    {
        // The row first: it is what the quotas count. The file may never have been written (the folder failed).
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<XiaoshenDbContext>();
            await db.Uploads.Where(u => u.ConversationId == conversationId && u.Name == name).ExecuteDeleteAsync(cancellationToken);
        }

        DeleteFile(PathOf(conversationId, name));
    }

    // A reservation's file may never have been written, or its folder may be gone: File.Delete throws when the folder is.
    private static void DeleteFile(string path)
    {
        if (File.Exists(path))
        {
            File.Delete(path);
        }
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

    /// <summary>
    /// Deletes the uploads kept longer than the retention period, rows with their files, and the reservations a node left
    /// when it stopped mid-upload (with their partial files). Files in the folder without a row (kept before the table
    /// existed) go by their write time, as they did before; conversation folders left empty go too.
    /// </summary>
    public async Task<int> DeleteOlderThanAsync(DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        var stale = time.GetUtcNow().ToUniversalTime().AddMinutes(-options.Value.UploadReservationMinutes);
        cutoff = cutoff.ToUniversalTime();
        var deleted = 0;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<XiaoshenDbContext>();
            var expired = db.Uploads.Where(u => u.SavedAt < cutoff || (u.State == UploadState.Reserved && u.SavedAt < stale));
            while (await expired.OrderBy(u => u.SavedAt).Take(RetentionBatch).Select(u => new { u.Id, u.ConversationId, u.Name }).ToListAsync(cancellationToken) is { Count: > 0 } batch)
            {
                foreach (var upload in batch.Where(u => IsSafeName(u.ConversationId) && IsSafeName(u.Name)))
                {
                    DeleteFile(PathOf(upload.ConversationId, upload.Name));
                }

                var ids = batch.Select(u => u.Id).ToList();
                deleted += await db.Uploads.Where(u => ids.Contains(u.Id)).ExecuteDeleteAsync(cancellationToken);
            }
        }

        return deleted + DeleteFilesWrittenBefore(cutoff, cancellationToken);
    }

    private int DeleteFilesWrittenBefore(DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        var root = Root;
        var deleted = 0;
        if (!Directory.Exists(root))
        {
            return deleted;
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

        return deleted;
    }

    private string Root => WorkspacePaths.BesideContent(knowledge.Value, options.Value.UploadPath);

    private string Folder(string conversationId) => IsSafeName(conversationId)
        ? Path.Combine(Root, conversationId)
        : throw new ArgumentException("Not a conversation id.", nameof(conversationId));
}
