using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using Xiaoshen.Bot.Hosting;
using Xiaoshen.Knowledge;

namespace Xiaoshen.Bot.Channels.DirectLine;

/// <summary>
/// Mints and checks Direct Line tokens: a signed, expiring claim that its bearer may use one conversation. Stateless
/// (HMAC-SHA256 with a key derived from the secret), so any node with the same secret accepts them. Thread-safe.
/// With no secret configured, one is generated once and kept in the data folder, so tokens survive a restart.
/// </summary>
public sealed partial class DirectLineTokens
{
    private readonly byte[] _key;
    private readonly byte[] _secret;
    private readonly TimeProvider _time;
    private readonly TimeSpan _lifetime;
    private readonly TimeSpan _maxAge;

    public DirectLineTokens(IOptions<DirectLineOptions> options, IOptions<KnowledgeOptions> knowledge, TimeProvider time, ILogger<DirectLineTokens> logger)
    {
        var secret = options.Value.Secret;
        if (string.IsNullOrWhiteSpace(secret))
        {
            // issue 11: a secret made up per process invalidated every web chat token at each restart.
            var file = WorkspacePaths.BesideContent(knowledge.Value, options.Value.SecretFile);
            secret = PrivateFiles.ReadOrCreate(file, () => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));
            LogKeptSecret(logger, file);
        }

        _secret = Encoding.UTF8.GetBytes(secret);
        _key = HMACSHA256.HashData(_secret, "xiaoshen-directline-token"u8);
        _time = time;
        _lifetime = TimeSpan.FromMinutes(options.Value.TokenLifetimeMinutes);
        _maxAge = TimeSpan.FromHours(options.Value.MaxConversationHours);
    }

    public TimeSpan Lifetime => _lifetime;

    /// <summary>True when <paramref name="bearer"/> is the configured secret (compared in constant time).</summary>
    public bool IsSecret(string? bearer) =>
        bearer is not null && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(bearer), _secret);

    /// <summary>A token for <paramref name="conversationId"/>; <paramref name="started"/> is when the conversation began (now when null).</summary>
    public string Issue(string conversationId, string? userId, long? started = null)
    {
        var now = _time.GetUtcNow();
        var payload = JsonSerializer.SerializeToUtf8Bytes(new TokenClaims(conversationId, userId, now.Add(_lifetime).ToUnixTimeSeconds(), started ?? now.ToUnixTimeSeconds()));
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

    /// <summary>True when the conversation of <paramref name="claims"/> is older than tokens are refreshed for.</summary>
    public bool IsTooOld(TokenClaims claims) => _time.GetUtcNow().ToUnixTimeSeconds() - claims.Started > _maxAge.TotalSeconds;

    /// <summary>The bearer token or secret of a request's Authorization header, if any.</summary>
    public static string? BearerOf(HttpRequest request)
    {
        var header = request.Headers[HeaderNames.Authorization].ToString();
        return header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header[7..].Trim() : null;
    }

    /// <summary>An HMAC of <paramref name="data"/> with the token key, for other signed links.</summary>
    public string Sign(string data) => Base64Url(HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(data)));

    internal static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    internal static byte[] FromBase64Url(string text)
    {
        var s = text.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(s.PadRight(s.Length + ((4 - (s.Length % 4)) % 4), '='));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "DirectLine:Secret is not set: using the secret generated in {File} (set DirectLine:Secret when several nodes must share tokens)")]
    private static partial void LogKeptSecret(ILogger logger, string file);
}

/// <summary>What a token grants.</summary>
/// <param name="Conversation">The conversation id.</param>
/// <param name="User">The user id it was issued for, if any.</param>
/// <param name="Expires">Unix seconds.</param>
/// <param name="Started">When the conversation began, Unix seconds (refreshes stop at the maximum conversation age).</param>
public sealed record TokenClaims(string Conversation, string? User, long Expires, long Started);
