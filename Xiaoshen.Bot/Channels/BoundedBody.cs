namespace Xiaoshen.Bot.Channels;

/// <summary>Reads a request body up to a limit, for every channel endpoint that takes a body.</summary>
internal static class BoundedBody
{
    /// <summary>
    /// The body, or null when it is larger than <paramref name="max"/> bytes. A declared length over the limit is refused
    /// unread; a body without one is read at most one byte past the limit, so it cannot be made arbitrarily large.
    /// </summary>
    public static async Task<ArraySegment<byte>?> ReadAsync(HttpRequest request, int max, CancellationToken cancellationToken)
    {
        if (request.ContentLength > max)
        {
            return null;
        }

        var buffer = new byte[max + 1];
        var length = 0;
        int read;
        while (length < buffer.Length && (read = await request.Body.ReadAsync(buffer.AsMemory(length), cancellationToken)) > 0)
        {
            length += read;
        }

        return length > max ? (ArraySegment<byte>?)null : new ArraySegment<byte>(buffer, 0, length);
    }
}
