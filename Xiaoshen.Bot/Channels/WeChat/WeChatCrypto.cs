using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Xiaoshen.Bot.Channels.WeChat;

/// <summary>
/// WeChat's callback signatures and message encryption, shared by official accounts and WeCom: SHA-1 over the
/// ordinally sorted parts, and AES-256-CBC over random(16) + msg_len(4, big-endian) + msg + receive id, padded with
/// PKCS#7 to 32 bytes. Pure functions; thread-safe.
/// </summary>
public static class WeChatCrypto
{
    private const int RandomLength = 16;
    private const int LengthPrefix = 4;
    private const int PaddingBlock = 32;

    /// <summary>True for a 43-character EncodingAESKey that decodes to an AES-256 key.</summary>
    public static bool IsValidKey(string? encodingAesKey) =>
        encodingAesKey is { Length: 43 } && encodingAesKey.All(char.IsAsciiLetterOrDigit);

    /// <summary>Lowercase hex SHA-1 of the parts sorted ordinally and concatenated (UTF-8).</summary>
    public static string Signature(params string[] parts)
    {
        // Ordinal, not culture-aware: mixed-case tokens sort differently otherwise (PROTOCOL.md pitfall 1).
        var sorted = parts.Order(StringComparer.Ordinal);
        return Convert.ToHexStringLower(SHA1.HashData(Encoding.UTF8.GetBytes(string.Concat(sorted))));
    }

    /// <summary>Whether <paramref name="signature"/> is the signature of <paramref name="parts"/>, compared in constant time.</summary>
    public static bool SignatureMatches(string? signature, params string[] parts)
    {
        if (string.IsNullOrEmpty(signature))
        {
            return false;
        }

        var expected = Encoding.ASCII.GetBytes(Signature(parts));
        var actual = Encoding.ASCII.GetBytes(signature.ToLowerInvariant());
        return CryptographicOperations.FixedTimeEquals(expected, actual);
    }

    /// <summary>Encrypts <paramref name="message"/> for <paramref name="receiveId"/> with the given 16 random bytes (Base64 result).</summary>
    public static string Encrypt(string encodingAesKey, string receiveId, string message, ReadOnlySpan<byte> random)
    {
        if (random.Length != RandomLength)
        {
            throw new ArgumentException($"The random prefix is {RandomLength} bytes.", nameof(random));
        }

        var body = Encoding.UTF8.GetBytes(message);
        var id = Encoding.UTF8.GetBytes(receiveId);
        var length = RandomLength + LengthPrefix + body.Length + id.Length;

        // PKCS#7 to 32 bytes, added by hand: .NET's PaddingMode.PKCS7 pads to the 16-byte AES block (pitfall 2).
        var pad = PaddingBlock - (length % PaddingBlock);
        var plain = new byte[length + pad];
        random.CopyTo(plain);
        BinaryPrimitives.WriteInt32BigEndian(plain.AsSpan(RandomLength), body.Length);
        body.CopyTo(plain, RandomLength + LengthPrefix);
        id.CopyTo(plain, RandomLength + LengthPrefix + body.Length);
        plain.AsSpan(length).Fill((byte)pad);

        using var aes = CreateAes(encodingAesKey, out var iv);
        return Convert.ToBase64String(aes.EncryptCbc(plain, iv, PaddingMode.None));
    }

    /// <summary>Encrypts with fresh random bytes.</summary>
    public static string Encrypt(string encodingAesKey, string receiveId, string message) =>
        Encrypt(encodingAesKey, receiveId, message, RandomNumberGenerator.GetBytes(RandomLength));

    /// <summary>
    /// Decrypts <paramref name="encrypted"/> into its parts, or null when it is not a well-formed message for this key
    /// (bad Base64, bad length or padding). Does not check the receive id: <see cref="TryDecrypt"/> does.
    /// </summary>
    public static WeChatEnvelope? Open(string encodingAesKey, string encrypted)
    {
        var cipher = new byte[encrypted.Length];
        if (!Convert.TryFromBase64String(encrypted, cipher, out var written) || written == 0 || written % 16 != 0)
        {
            return null;
        }

        using var aes = CreateAes(encodingAesKey, out var iv);
        var plain = aes.DecryptCbc(cipher.AsSpan(0, written), iv, PaddingMode.None);
        var pad = plain[^1];
        var unpadded = plain.Length - pad;
        if (pad is < 1 or > PaddingBlock || unpadded < RandomLength + LengthPrefix)
        {
            return null;
        }

        var length = BinaryPrimitives.ReadInt32BigEndian(plain.AsSpan(RandomLength));
        var start = RandomLength + LengthPrefix;
        if (length < 0 || length > unpadded - start)
        {
            return null;
        }

        return new WeChatEnvelope(
            plain[..RandomLength],
            length,
            Encoding.UTF8.GetString(plain, start, length),
            Encoding.UTF8.GetString(plain, start + length, unpadded - start - length));
    }

    /// <summary>
    /// Checks <paramref name="msgSignature"/> over token, timestamp, nonce and the ciphertext, decrypts, and checks the
    /// receive id (AppID, CorpID). The message when all three hold, null otherwise.
    /// </summary>
    public static string? TryDecrypt(WeChatApp app, string timestamp, string nonce, string? msgSignature, string encrypted)
    {
        if (!SignatureMatches(msgSignature, app.Token, timestamp, nonce, encrypted))
        {
            return null;
        }

        var envelope = Open(app.EncodingAesKey, encrypted);
        return envelope is not null && string.Equals(envelope.ReceiveId, app.ReceiveId, StringComparison.Ordinal) ? envelope.Message : null;
    }

    private static Aes CreateAes(string encodingAesKey, out byte[] iv)
    {
        if (!IsValidKey(encodingAesKey))
        {
            throw new ArgumentException("An EncodingAESKey is 43 letters and digits.", nameof(encodingAesKey));
        }

        var key = Convert.FromBase64String(encodingAesKey + "=");
        iv = key[..16];
        var aes = Aes.Create();
        aes.Key = key;
        return aes;
    }
}
