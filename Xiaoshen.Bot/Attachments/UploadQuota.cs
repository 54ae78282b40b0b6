using Microsoft.Extensions.Options;

namespace Xiaoshen.Bot.Attachments;

/// <summary>
/// Upload quotas (issue 11: one citizen's uploads filled the disk): files and bytes per conversation (counted from the
/// files kept), per client address per day, and bytes per day for the whole node (counted from the files written today
/// at the first upload of the day, then kept up to date). Days are Beijing days. Singleton; thread-safe.
/// </summary>
public sealed class UploadQuota(IOptions<AttachmentsOptions> options, AttachmentStore store, TimeProvider time)
{
    private static readonly TimeSpan Beijing = TimeSpan.FromHours(8);

    private readonly Lock _gate = new();
    private readonly Dictionary<string, (int Files, long Bytes)> _addresses = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (int Files, long Bytes)> _saving = new(StringComparer.Ordinal);
    private DateOnly _day;
    private long _nodeBytes = -1;

    /// <summary>Reserves a file of <paramref name="bytes"/>; unless the answer is <see cref="UploadLimit.None"/>, nothing is reserved.</summary>
    public UploadLimit TryReserve(string conversationId, string address, long bytes)
    {
        var o = options.Value;
        lock (_gate)
        {
            StartDay();
            var (files, used) = store.Usage(conversationId);
            var saving = _saving.GetValueOrDefault(conversationId);
            if (files + saving.Files + 1 > o.MaxUploadsPerConversation || used + saving.Bytes + bytes > o.MaxUploadBytesPerConversation)
            {
                return UploadLimit.Conversation;
            }

            var today = _addresses.GetValueOrDefault(address);
            if (today.Files + 1 > o.MaxUploadsPerAddressPerDay || today.Bytes + bytes > o.MaxUploadBytesPerAddressPerDay || _nodeBytes + bytes > o.MaxUploadBytesPerDay)
            {
                return UploadLimit.Daily;
            }

            _addresses[address] = (today.Files + 1, today.Bytes + bytes);
            _saving[conversationId] = (saving.Files + 1, saving.Bytes + bytes);
            _nodeBytes += bytes;
            return UploadLimit.None;
        }
    }

    /// <summary>Ends a reservation: the file is kept (it now counts from the disk), or was not (nothing is counted).</summary>
    public void Complete(string conversationId, string address, long bytes, bool kept)
    {
        lock (_gate)
        {
            var saving = _saving.GetValueOrDefault(conversationId);
            if (saving.Files <= 1)
            {
                _saving.Remove(conversationId);
            }
            else
            {
                _saving[conversationId] = (saving.Files - 1, saving.Bytes - bytes);
            }

            if (!kept && _addresses.TryGetValue(address, out var today))
            {
                _addresses[address] = (today.Files - 1, today.Bytes - bytes);
                _nodeBytes -= bytes;
            }
        }
    }

    // A new day clears the per-address counts and counts what the node has already taken today (after a restart too).
    private void StartDay()
    {
        var day = DateOnly.FromDateTime(time.GetUtcNow().ToOffset(Beijing).DateTime);
        if (day == _day && _nodeBytes >= 0)
        {
            return;
        }

        _day = day;
        _addresses.Clear();
        _nodeBytes = store.BytesSavedSince(new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), Beijing));
    }
}
