using System.Text;
using System.Text.Json;
using Xiaoshen.Bot.Channels.WeChat;

namespace Xiaoshen.Tests.Channels.WeChat;

/// <summary>
/// Every published vector in TestData/wechat/vectors, positive and negative. Sources, by file (commit, path and licence
/// in each file's "source"): official_weixin_message_push_doc.json — Tencent's message-push documentation worked
/// example; tencent_official_account_sample_code.json — Tencent's WXBizMsgCrypt sample and its Java test;
/// tencent_wecom_sample_code.json — Tencent's WeCom samples (sbzhu/weworkapi_php, weworkapi_python) and doc 90968;
/// wechatpy_tests.json — wechatpy/wechatpy tests (MIT); easywechat_tests.json — w7corp/easywechat tests (MIT);
/// powerwechat_tests.json — ArtisanCloud/PowerWeChat tests (MIT); senparc_weixin_tests.json — JeffreySu/WeiXinMPSDK
/// tests (Apache-2.0); silenceper_wechat_tests.json — silenceper/wechat tests (Apache-2.0).
/// </summary>
public sealed class WeChatCryptoVectorTests
{
    private static readonly string Folder = Path.Combine(AppContext.BaseDirectory, "TestData", "wechat", "vectors");

    /// <summary>One row per case: the file (its source) and the case id.</summary>
    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (var file in Directory.GetFiles(Folder, "*.json").Order(StringComparer.Ordinal))
        {
            using var document = JsonDocument.Parse(File.ReadAllText(file));
            foreach (var item in document.RootElement.GetProperty("cases").EnumerateArray())
            {
                data.Add(Path.GetFileName(file), item.GetProperty("id").GetString()!);
            }
        }

        return data;
    }

    [Fact]
    public void EveryVectorFileIsLoaded()
    {
        // Eight source files with 32 cases, 5 of them negative: a vector file that fails to load must not pass silently.
        Assert.Equal(8, Directory.GetFiles(Folder, "*.json").Length);
        Assert.Equal(32, Cases().Count());
        Assert.Equal(5, Cases().Count(c => Load((string)c[0], (string)c[1]).TryGetProperty("expected_valid", out var valid) && !valid.GetBoolean()));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void VectorHolds(string file, string id)
    {
        var vector = Load(file, id);
        var valid = !vector.TryGetProperty("expected_valid", out var flag) || flag.GetBoolean();
        switch (vector.GetProperty("kind").GetString())
        {
            case "url_signature":
                UrlSignature(vector, valid);
                break;
            case "msg_signature_raw":
                RawSignature(vector);
                break;
            case "decrypt":
                Decrypt(vector, valid);
                break;
            case "encrypt":
                Encrypt(vector);
                break;
            default:
                Assert.Fail($"Unknown vector kind in {file}#{id}");
                break;
        }
    }

    private static void UrlSignature(JsonElement v, bool valid)
    {
        var expected = S(v, "expected_signature");
        var parts = new[] { S(v, "token"), S(v, "timestamp"), S(v, "nonce") };
        Assert.Equal(valid, WeChatCrypto.SignatureMatches(expected, parts));
        if (valid)
        {
            Assert.Equal(expected, WeChatCrypto.Signature(parts));
        }
    }

    private static void RawSignature(JsonElement v)
    {
        var parts = v.GetProperty("parts").EnumerateArray().Select(p => p.GetString()!).ToArray();

        // Senparc's fixture hashes ASCII ('?' for every CJK character); WeChat hashes UTF-8, so that value must not match.
        if (v.TryGetProperty("utf8_signature", out var utf8))
        {
            Assert.Equal(utf8.GetString(), WeChatCrypto.Signature(parts));
            Assert.False(WeChatCrypto.SignatureMatches(S(v, "expected_signature"), parts));
            return;
        }

        Assert.Equal(S(v, "expected_signature"), WeChatCrypto.Signature(parts));
    }

    private static void Decrypt(JsonElement v, bool valid)
    {
        var app = App(v);
        var encrypt = S(v, "encrypt");
        if (v.TryGetProperty("body_xml", out var body))
        {
            Assert.Equal(encrypt, WeChatPush.Parse(body.GetString()!)?["Encrypt"]);
        }

        var plaintext = WeChatCrypto.TryDecrypt(app, S(v, "timestamp"), S(v, "nonce"), S(v, "msg_signature"), encrypt);
        if (!valid)
        {
            Assert.Null(plaintext);

            // The fixture's ciphertext itself is fine; only its signature is wrong.
            if (v.TryGetProperty("decrypts_with_this_key_to", out var decrypted))
            {
                Assert.Equal(decrypted.GetString(), WeChatCrypto.Open(app.EncodingAesKey, encrypt)?.Message);
            }

            return;
        }

        Assert.Equal(S(v, "expected_plaintext"), plaintext);
        var envelope = WeChatCrypto.Open(app.EncodingAesKey, encrypt)!;
        Assert.Equal(S(v, "expected_receive_id"), envelope.ReceiveId);
        if (v.TryGetProperty("expected_random_ascii", out var random))
        {
            Assert.Equal(random.GetString(), Encoding.ASCII.GetString(envelope.Random));
            Assert.Equal(v.GetProperty("expected_msg_len").GetInt32(), envelope.MessageLength);
        }

        // Compatible mode signs the URL as well (three parts, no ciphertext).
        if (v.TryGetProperty("signature", out var signature))
        {
            Assert.True(WeChatCrypto.SignatureMatches(signature.GetString(), app.Token, S(v, "timestamp"), S(v, "nonce")));
        }

        // Decrypted pushes must parse, CDATA or not, unknown elements and all; the WeCom robot's JSON is not XML.
        if (plaintext!.StartsWith("<xml>", StringComparison.Ordinal))
        {
            Assert.NotNull(WeChatPush.Parse(plaintext)?.MsgType);
        }
    }

    private static void Encrypt(JsonElement v)
    {
        var app = App(v);
        var encrypted = WeChatCrypto.Encrypt(app.EncodingAesKey, app.ReceiveId, S(v, "plaintext"), Encoding.ASCII.GetBytes(S(v, "random_ascii")));
        Assert.Equal(S(v, "expected_encrypt"), encrypted);
        Assert.Equal(S(v, "plaintext"), WeChatCrypto.Open(app.EncodingAesKey, encrypted)?.Message);
        if (v.TryGetProperty("expected_msg_signature", out var expected))
        {
            var signature = WeChatCrypto.Signature(app.Token, S(v, "timestamp"), S(v, "nonce"), encrypted);
            Assert.Equal(expected.GetString(), signature);
            if (v.TryGetProperty("expected_reply_xml", out var xml))
            {
                Assert.Equal(xml.GetString(), WeChatPush.EncryptedReply(encrypted, signature, S(v, "timestamp"), S(v, "nonce")));
            }
        }
    }

    private static WeChatApp App(JsonElement v) => new(
        WeChatApp.OfficialAccountChannel, "vector", S(v, "token"), S(v, "encoding_aes_key"), S(v, "receive_id"),
        WeChatSecurityMode.Safe, "http://127.0.0.1", "/token", "/send", null, null, new Dictionary<string, string>());

    private static string S(JsonElement v, string name) => v.GetProperty(name).GetString()!;

    private static JsonElement Load(string file, string id)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(Folder, file)));
        return document.RootElement.GetProperty("cases").EnumerateArray().Single(c => c.GetProperty("id").GetString() == id).Clone();
    }
}
