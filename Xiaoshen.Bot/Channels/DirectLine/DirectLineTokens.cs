using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace Xiaoshen.Bot.Channels.DirectLine;

/// <summary>
/// Mints and checks Direct Line tokens: a signed, expiring claim that its bearer may use one conversation. Stateless
/// (HMAC-SHA256 with a key derived from the secret), so any node with the same secret accepts them. Thread-safe.
/// </summary>
public sealed partial class DirectLineTokens
{
    private readonly byte[] _key;
    private readonly byte[] _secret;
    private readonly TimeProvider _time;
    private readonly TimeSpan _lifetime;

    public DirectLineTokens(IOptions<DirectLineOptions> options, TimeProvider time, ILogger<DirectLineTokens> logger)
    {
        var secret = options.Value.Secret;
        if (string.IsNullOrWhiteSpace(secret))
        {
            secret = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
            LogEphemeralSecret(logger);
        }

        _secret = Encoding.UTF8.GetBytes(secret);
        _key = HMACSHA256.HashData(_secret, "xiaoshen-directline-token"u8);
        _time = time;
        _lifetime = TimeSpan.FromMinutes(options.Value.TokenLifetimeMinutes);
    }

    public TimeSpan Lifetime => _lifetime;

    /// <summary>True when <paramref name="bearer"/> is the configured secret (compared in constant time).</summary>
    public bool IsSecret(string? bearer) =>
        bearer is not null && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(bearer), _secret);

    public string Issue(string conversationId, string? userId)
    {
        var payload = JsonSerializer.SerializeToUtf8Bytes(new TokenClaims(conversationId, userId, _time.GetUtcNow().Add(_lifetime).ToUnixTimeSeconds()));
        return $"{Base64Url(payload)}.{Base64Url(HMACSHA256.HashData(_key, payload))}";
    }

    /// <summary>The claims of a valid, unexpired token; null otherwise.</summary>
    public TokenClaims? Validate(string? token)
    {
        var dot = token?.IndexOf('.', StringComparison.Ordinal) ?? -1;
        if (token is null || dot <= 0)
        {
            return null;
        }

        try
        {
            var payload = FromBase64Url(token[..dot]);
            var signature = FromBase64Url(token[(dot + 1)..]);
            if (!CryptographicOperations.FixedTimeEquals(signature, HMACSHA256.HashData(_key, payload)))
            {
                return null;
            }

            var claims = JsonSerializer.Deserialize<TokenClaims>(payload);
            return claims is not null && claims.Expires > _time.GetUtcNow().ToUnixTimeSeconds() ? claims : null;
        }
        catch (Exception ex) when (ex is FormatException or JsonException)
        {
            return null;
        }
    }

    /// <summary>An HMAC of <paramref name="data"/> with the token key, for other signed links.</summary>
    public string Sign(string data) => Base64Url(HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(data)));

    internal static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    internal static byte[] FromBase64Url(string text)
    {
        var s = text.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(s.PadRight(s.Length + ((4 - (s.Length % 4)) % 4), '='));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "DirectLine:Secret is not set: using a random secret for this process; Direct Line tokens will not survive a restart")]
    private static partial void LogEphemeralSecret(ILogger logger);
}

/// <summary>What a token grants.</summary>
/// <param name="Conversation">The conversation id.</param>
/// <param name="User">The user id it was issued for, if any.</param>
/// <param name="Expires">Unix seconds.</param>
public sealed record TokenClaims(string Conversation, string? User, long Expires);
