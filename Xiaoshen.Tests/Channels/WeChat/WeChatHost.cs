using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Xiaoshen.Bot.Channels;
using Xiaoshen.Bot.Channels.WeChat;
using Xiaoshen.Bot.Conversations;
using Xiaoshen.Bot.Handoff;
using Xiaoshen.Bot.Storage;
using Xiaoshen.Knowledge.Content;
using Xiaoshen.Tests.Api;

namespace Xiaoshen.Tests.Channels.WeChat;

/// <summary>
/// The web host with WeChat accounts and a WeCom app configured, its WeChat API pointed at a <see cref="FakeWeChatApi"/>,
/// and helpers that post real-format pushes (TestData/wechat/payloads, sources in its INDEX.json) signed and, for
/// encrypted accounts, encrypted as WeChat does.
/// </summary>
public sealed class WeChatHost : IAsyncLifetime, IAsyncDisposable
{
    // Account values of published test vectors, so the real captured requests verify (TestData/wechat/vectors).
    public static readonly TestAccount Plain = new("plain", "plaintoken", "wxplainaccount0001", string.Empty, "Plaintext");
    public static readonly TestAccount Doc = new("doc", "AAAAA", "wxba5fad812f8e6fb9", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "Compatible");
    public static readonly TestAccount Compat = new("compat", "weixin", "wx669ef95216eef885", "mNnY5GekpChwqhy2c4NBH90g3hND6GeI4gii2YCvKLY", "Compatible");
    public static readonly TestAccount Safe = new("safe", "weixin", "wx669ef95216eef885", "YTJkZmVjMzQ5NDU5NDY3MDhiZWI0NTdiMjFiY2I5MmU", "Safe");
    public static readonly TestAccount Corp = new("corp", "QDG6eK", "wx5823bf96d3bd56c7", "jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C", "Safe");

    private readonly Dictionary<string, string> _settings = new(StringComparer.Ordinal);
    private readonly List<Action<IServiceCollection>> _services = [];
    private TestKnowledgeBase? _content;

    /// <summary>
    /// The host's clock. It moves only when a test advances it, so the passive-reply deadline never passes while a turn
    /// is being answered (no test depends on how fast the machine is) and retries follow at once.
    /// </summary>
    public FakeTimeProvider Clock { get; private set; } = new(DateTimeOffset.UtcNow);

    public FakeWeChatApi Api { get; private set; } = null!;

    /// <summary>The content the host serves: the test knowledge base unless a test needs the repository's (pre-review checklists).</summary>
    public string ContentSource { get; set; } = TestKnowledgeBase.Source;

    /// <summary>
    /// Moves the clock to half an hour after the department next opens on a later day: mid-morning whatever the real
    /// time, never the lunch break or the last minutes before closing.
    /// </summary>
    public void OpenForHalfAnHour(Department department)
    {
        var availability = Factory.Services.GetRequiredService<HandoffAvailability>();
        var today = Clock.GetUtcNow().ToOffset(WorkingCalendar.Offset);
        Clock.SetUtcNow(new DateTimeOffset(today.Date.AddDays(1).AddHours(6), WorkingCalendar.Offset));
        Clock.SetUtcNow(availability.NextOpening(department)!.Value.AddMinutes(30));
    }

    public BotApiFactory Factory { get; private set; } = null!;

    public HttpClient Client { get; private set; } = null!;

    public static string PayloadFolder => Path.Combine(AppContext.BaseDirectory, "TestData", "wechat", "payloads");

    public WeChatHost With(string key, string value)
    {
        _settings[key] = value;
        return this;
    }

    public WeChatHost WithServices(Action<IServiceCollection> configure)
    {
        _services.Add(configure);
        return this;
    }

    public async Task InitializeAsync()
    {
        Api = await FakeWeChatApi.StartAsync();
        _content = new TestKnowledgeBase(ContentSource);
        Start();
    }

    /// <summary>Stops the web host and starts another on the same data (the fake API keeps running).</summary>
    public void Restart()
    {
        Client.Dispose();
        Factory.Dispose();
        Start();
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        Factory.Dispose();
        _content?.Dispose();
        await Api.DisposeAsync();
    }

    async ValueTask IAsyncDisposable.DisposeAsync() => await DisposeAsync();

    /// <summary>A started host whose clock reads <paramref name="unixSeconds"/>: captured requests are signed at their own time.</summary>
    public static Task<WeChatHost> AtAsync(long unixSeconds) => StartAsync(h => h.Clock = new(DateTimeOffset.FromUnixTimeSeconds(unixSeconds)));

    /// <summary>A started host of its own, for tests that change settings or count the requests WeChat's API receives.</summary>
    public static async Task<WeChatHost> StartAsync(Action<WeChatHost>? configure = null)
    {
        var host = new WeChatHost();
        configure?.Invoke(host);
        await host.InitializeAsync();
        return host;
    }

    public IChannelAdapter Adapter => Factory.Services.GetServices<IChannelAdapter>().Single(a => a.Serves("wechat"));

    // ---- pushes ----

    public static string Payload(string relative) => File.ReadAllText(Path.Combine(PayloadFolder, relative));

    /// <summary>Sets an element of a payload, keeping its CDATA wrapping (or its absence) as it was.</summary>
    public static string With(string xml, string element, string value)
    {
        var pattern = new Regex($"<{element}>(<!\\[CDATA\\[)?.*?(\\]\\]>)?</{element}>", RegexOptions.Singleline);
        Assert.Matches(pattern, xml);
        return pattern.Replace(xml, m => m.Groups[1].Success ? $"<{element}><![CDATA[{value}]]></{element}>" : $"<{element}>{value}</{element}>", 1);
    }

    /// <summary>The text payload from <paramref name="user"/> with its own MsgId.</summary>
    public static string Text(string user, string content) =>
        With(With(With(Payload("official-account/text.xml"), "FromUserName", user), "Content", content), "MsgId", NewMsgId());

    public static string NewMsgId() => Random.Shared.NextInt64(1_000_000_000_000, long.MaxValue).ToString(System.Globalization.CultureInfo.InvariantCulture);

    public static string NewUser() => "o" + Guid.NewGuid().ToString("N")[..27];

    /// <summary>Posts a push to an account as WeChat would: URL signature, and encrypted unless it is a plaintext account.</summary>
    public async Task<HttpResponseMessage> PostAsync(TestAccount account, string xml)
    {
        var (timestamp, nonce) = Stamp();
        if (account.Mode == "Plaintext")
        {
            return await PostRawAsync($"/api/wechat/{account.Name}?{UrlQuery(account, timestamp, nonce)}", xml);
        }

        var encrypted = WeChatCrypto.Encrypt(account.EncodingAesKey, account.ReceiveId, xml);
        var msgSignature = WeChatCrypto.Signature(account.Token, timestamp, nonce, encrypted);
        var envelope = $"<xml><ToUserName><![CDATA[{account.ReceiveId}]]></ToUserName><Encrypt><![CDATA[{encrypted}]]></Encrypt></xml>";
        var path = account == Corp
            ? $"/api/wecom/{account.Name}?msg_signature={msgSignature}&timestamp={timestamp}&nonce={nonce}"
            : $"/api/wechat/{account.Name}?{UrlQuery(account, timestamp, nonce)}&encrypt_type=aes&msg_signature={msgSignature}";
        return await PostRawAsync(path, envelope);
    }

    public Task<HttpResponseMessage> PostRawAsync(string pathAndQuery, string body) =>
        Client.PostAsync(pathAndQuery, new StringContent(body, Encoding.UTF8, "text/xml"));

    /// <summary>The passive reply's content (decrypted and its signature checked when encrypted), or null for the acknowledgement.</summary>
    public static async Task<WeChatPush?> ReplyAsync(HttpResponseMessage response, TestAccount account)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        if (body is "success" or "")
        {
            return null;
        }

        var reply = WeChatPush.Parse(body);
        Assert.NotNull(reply);
        if (reply["Encrypt"] is not { } encrypted)
        {
            return reply;
        }

        Assert.True(WeChatCrypto.SignatureMatches(reply["MsgSignature"], account.Token, reply["TimeStamp"]!, reply["Nonce"]!, encrypted));
        var envelope = WeChatCrypto.Open(account.EncodingAesKey, encrypted);
        Assert.Equal(account.ReceiveId, envelope?.ReceiveId);
        return WeChatPush.Parse(envelope!.Message);
    }

    /// <summary>The address of <paramref name="user"/> of the plaintext account, as the channel adapter takes it.</summary>
    public static ChannelAddress Address(string user) => new("wechat", $"{Plain.Name}:{user}", user);

    /// <summary>A person who has just written to <paramref name="host"/> (a greeting, answered passively in one message), so the reply window is open.</summary>
    public static async Task<string> WroteAsync(WeChatHost host)
    {
        var user = NewUser();
        Assert.NotNull(await ReplyAsync(await host.PostAsync(Plain, Text(user, "你好")), Plain));
        return user;
    }

    /// <summary>Turns recorded for the conversation of <paramref name="user"/> with the account.</summary>
    public async Task<int> TurnCountAsync(TestAccount account, string user)
    {
        await Factory.Services.GetRequiredService<StorageWriter>().FlushAsync();
        await using var scope = Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<XiaoshenDbContext>();
        var id = $"{account.Name}:{user}";
        return await db.Turns.CountAsync(t => db.Conversations.Any(c => c.Id == t.ConversationId && c.ChannelConversationId == id));
    }

    /// <summary>The transcript of the conversation of <paramref name="user"/> with the account, oldest first.</summary>
    public async Task<List<Turn>> TurnsAsync(TestAccount account, string user)
    {
        await Factory.Services.GetRequiredService<StorageWriter>().FlushAsync();
        await using var scope = Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<XiaoshenDbContext>();
        var id = $"{account.Name}:{user}";
        return await db.Turns.Where(t => db.Conversations.Any(c => c.Id == t.ConversationId && c.ChannelConversationId == id)).OrderBy(t => t.Sequence).ToListAsync();
    }

    public static string UrlQuery(TestAccount account, string timestamp, string nonce) =>
        $"signature={WeChatCrypto.Signature(account.Token, timestamp, nonce)}&timestamp={timestamp}&nonce={nonce}";

    /// <summary>A timestamp of the host's clock (WeChat signs with its own, refused when far from ours) and a fresh nonce.</summary>
    public (string Timestamp, string Nonce) Stamp() =>
        (Clock.GetUtcNow().ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture),
         Random.Shared.Next(100_000_000, int.MaxValue).ToString(System.Globalization.CultureInfo.InvariantCulture));

    private void Start()
    {
        Factory = BotApiFactory.On(_content!)
            .WithSetting("WeChat:ApiBaseUrl", Api.BaseUrl)
            .WithSetting("WeChat:WeComApiBaseUrl", Api.BaseUrl)
            .WithSetting("WeChat:RetryDelayMilliseconds", "0")
            .WithSetting("WeChat:Accounts:main:Token", string.Empty)
            .WithSetting("WeChat:WeComApps:main:Token", string.Empty)
            .WithSetting("WeChat:WeComApps:corp:Token", Corp.Token)
            .WithSetting("WeChat:WeComApps:corp:CorpId", Corp.ReceiveId)
            .WithSetting("WeChat:WeComApps:corp:CorpSecret", "corp-secret")
            .WithSetting("WeChat:WeComApps:corp:AgentId", "218")
            .WithSetting("WeChat:WeComApps:corp:EncodingAesKey", Corp.EncodingAesKey)
            .WithSetting("WeChat:Accounts:plain:MenuQuestions:EVENTKEY", "社保卡丢了怎么补办");
        foreach (var account in new[] { Plain, Doc, Compat, Safe })
        {
            var prefix = $"WeChat:Accounts:{account.Name}:";
            Factory.WithSetting(prefix + "Token", account.Token)
                .WithSetting(prefix + "AppId", account.ReceiveId)
                .WithSetting(prefix + "AppSecret", account.Name + "-secret")
                .WithSetting(prefix + "EncodingAesKey", account.EncodingAesKey)
                .WithSetting(prefix + "Mode", account.Mode);
        }

        foreach (var (key, value) in _settings)
        {
            Factory.WithSetting(key, value);
        }

        Factory.WithServices(s => s.AddSingleton<TimeProvider>(Clock));
        foreach (var configure in _services)
        {
            Factory.WithServices(configure);
        }

        Client = Factory.CreateClient();
    }
}

/// <summary>An account or app configured in the <see cref="WeChatHost"/>.</summary>
public sealed record TestAccount(string Name, string Token, string ReceiveId, string EncodingAesKey, string Mode);
