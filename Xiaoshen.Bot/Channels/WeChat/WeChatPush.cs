using System.Text;
using System.Xml;
using System.Xml.Linq;

namespace Xiaoshen.Bot.Channels.WeChat;

/// <summary>
/// One pushed message or event: the child elements of WeChat's <c>&lt;xml&gt;</c> by name (CDATA or plain text,
/// unknown elements kept, values trimmed).
/// </summary>
public sealed record WeChatPush(IReadOnlyDictionary<string, string> Fields)
{
    public string? this[string name] => Fields.TryGetValue(name, out var value) && value.Length > 0 ? value : null;

    public string MsgType => this["MsgType"] ?? string.Empty;

    /// <summary>The person's OpenID (official account) or UserID (WeCom).</summary>
    public string? FromUser => this["FromUserName"];

    /// <summary>The account's own id (gh_…) or the CorpID.</summary>
    public string? ToUser => this["ToUserName"];

    public bool IsEvent => MsgType == "event";

    /// <summary>What WeChat's retries of this push share: the MsgId, or sender and time for events (which have none).</summary>
    public string DeduplicationKey => this["MsgId"] is { } id ? "m:" + id : $"e:{FromUser}:{this["CreateTime"]}:{this["Event"]}";

    /// <summary>The push in <paramref name="xml"/>, or null when it is not well-formed WeChat XML.</summary>
    public static WeChatPush? Parse(string xml)
    {
        // The body is reachable by anyone: no DTDs, no external entities (PROTOCOL.md pitfall 7).
        var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null };
        try
        {
            using var reader = XmlReader.Create(new StringReader(xml), settings);
            var root = XDocument.Load(reader).Root;
            if (root is null || root.Name.LocalName != "xml")
            {
                return null;
            }

            var fields = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var element in root.Elements())
            {
                fields[element.Name.LocalName] = element.Value.Trim();
            }

            return new WeChatPush(fields);
        }
        catch (XmlException)
        {
            return null;
        }
    }

    /// <summary>A passive text reply to this push (sender and receiver swapped).</summary>
    public string TextReply(string content, long createTime) =>
        new StringBuilder("<xml>")
            .Append("<ToUserName>").Append(CData(FromUser)).Append("</ToUserName>")
            .Append("<FromUserName>").Append(CData(ToUser)).Append("</FromUserName>")
            .Append("<CreateTime>").Append(createTime).Append("</CreateTime>")
            .Append("<MsgType><![CDATA[text]]></MsgType>")
            .Append("<Content>").Append(CData(content)).Append("</Content>")
            .Append("</xml>")
            .ToString();

    /// <summary>The envelope of an encrypted reply, laid out as Tencent's samples write it.</summary>
    public static string EncryptedReply(string encrypted, string msgSignature, string timestamp, string nonce) =>
        $"<xml>\n<Encrypt>{CData(encrypted)}</Encrypt>\n<MsgSignature>{CData(msgSignature)}</MsgSignature>\n<TimeStamp>{timestamp}</TimeStamp>\n<Nonce>{CData(nonce)}</Nonce>\n</xml>";

    // "]]>" cannot appear inside one CDATA section: close and reopen around it.
    private static string CData(string? value) => "<![CDATA[" + (value ?? string.Empty).Replace("]]>", "]]]]><![CDATA[>", StringComparison.Ordinal) + "]]>";
}
