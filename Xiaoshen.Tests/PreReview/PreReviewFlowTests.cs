using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Xiaoshen.Bot.Booking;
using Xiaoshen.Bot.PreReview;
using Xiaoshen.Bot.Storage;
using Xiaoshen.Tests.Api;
using Xiaoshen.Tests.Fakes;

namespace Xiaoshen.Tests.PreReview;

/// <summary>
/// 材料预审 in the web chat (issue 16), through the Direct Line endpoints: asked for, told what to photograph, three
/// rendered photos uploaded and read offline, findings citing the documents, always 预审不等于受理; the case kept in the
/// database with what was read masked; the photos deleted after their retention on the fake clock.
/// </summary>
public sealed class PreReviewFlowTests : IDisposable
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 30, 10, 0, 0, TimeSpan.FromHours(8)));
    private readonly BotApiFactory _factory;

    private readonly RecordingLoggerProvider _logs = new(LogLevel.Debug);

    public PreReviewFlowTests() =>
        _factory = DirectLineClient.Configure(new RepositoryBotApiFactory())
            .WithSetting("PreReview:ImageRetentionDays", "30")
            .WithSetting("Logging:LogLevel:Xiaoshen.Bot.PreReview", "Debug")
            .WithServices(s => s.AddSingleton<TimeProvider>(_clock).AddSingleton<ILoggerProvider>(_logs));

    public void Dispose() => _factory.Dispose();

    [CjkFontFact]
    public async Task ThreePhotosGetFindingsNamingTheDocumentsAndTheCaseIsKeptMasked()
    {
        // A Friday afternoon: the department's 1 working day ends with Monday's office hours, not Saturday's.
        _clock.SetUtcNow(new DateTimeOffset(2026, 12, 4, 15, 0, 0, TimeSpan.FromHours(8)));
        var client = await new DirectLineClient(_factory.CreateClient()).StartAsync();

        var started = await SayAsync(client, "帮我预审一下食品经营许可证延续的材料");
        Assert.Contains("食品经营许可证延续", started, StringComparison.Ordinal);
        Assert.Contains("法定代表人身份证", started, StringComparison.Ordinal);
        Assert.Contains("预审不等于受理", started, StringComparison.Ordinal);

        var first = await UploadAsync(client, "许可证.png", RenewalPhotos.FoodLicence);
        Assert.Contains("食品经营许可证", first, StringComparison.Ordinal);
        Assert.Contains("还差", first, StringComparison.Ordinal);
        await UploadAsync(client, "执照.png", RenewalPhotos.BusinessLicence);
        var result = await UploadAsync(client, "身份证.jpg", RenewalPhotos.IdCard, "image/jpeg");

        Assert.Contains("「食品经营许可证」（第 1 张）的有效期到 2026-06-30，看起来已经过期", result, StringComparison.Ordinal);
        Assert.Contains("「食品经营许可证」上的名称“上海小申餐饮有限公司”与「营业执照」上的名称“上海小申餐饮管理有限公司”不一致", result, StringComparison.Ordinal);
        Assert.Contains("预审不等于受理", result, StringComparison.Ordinal);
        Assert.Contains("上海市市场监督管理局", result, StringComparison.Ordinal);
        Assert.DoesNotContain(RenewalPhotos.IdNumber, result, StringComparison.Ordinal);

        await using var scope = _factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<XiaoshenDbContext>();
        var stored = await db.PreReviewCases.SingleAsync();
        Assert.Equal(("sp-license-renew", PreReviewStatus.Submitted), (stored.MatterId, stored.Status));
        Assert.Equal(new DateTimeOffset(2026, 12, 7, 17, 0, 0, TimeSpan.FromHours(8)), stored.DueAt);
        Assert.Contains("上海市市场监督管理局的工作人员将在 ", result, StringComparison.Ordinal);
        Assert.Contains(stored.Findings, f => f.Kind == FindingKind.Expired && f.Document == "食品经营许可证");
        var uploads = await db.PreReviewUploads.Where(u => u.CaseId == stored.Id).OrderBy(u => u.Number).ToListAsync();
        Assert.Equal(["食品经营许可证", "营业执照", "法定代表人身份证"], uploads.Select(u => u.Document));
        Assert.All(uploads, u => Assert.DoesNotContain(RenewalPhotos.IdNumber, u.LinesJson + u.ReadingJson, StringComparison.Ordinal));
        Assert.DoesNotContain("李晓华", uploads[2].LinesJson + uploads[2].ReadingJson, StringComparison.Ordinal);

        // What OCR read is logged at Debug only, and even there the ID number is masked.
        Assert.Contains(_logs.Lines, l => l.Contains($"Pre-review {stored.Number}: photo 3 text (masked)", StringComparison.Ordinal));
        Assert.DoesNotContain(_logs.Lines, l => l.Contains(RenewalPhotos.IdNumber, StringComparison.Ordinal));

        // Booking in-person help for the same matter shows this pre-review (the confirmation and the centre's console).
        var conversation = await db.Conversations.SingleAsync(c => c.Id == stored.ConversationId);
        var lookup = _factory.Services.GetRequiredService<IPreReviewLookup>();
        var shown = await lookup.LatestAsync(BookingService.PersonKey(conversation), "sp-license-renew", CancellationToken.None);
        Assert.Equal((stored.Number, "待确认", $"/console/prereview?case={stored.Id}"), (shown?.Number, shown?.Status, shown?.ConsoleLink));
        Assert.Null(await lookup.LatestAsync(BookingService.PersonKey(conversation), "sp-license-new", CancellationToken.None));
    }

    [Fact]
    public async Task AVagueAskOffersTheMattersAndTheButtonUnderAnAnswerStartsOnThatMatter()
    {
        var client = await new DirectLineClient(_factory.CreateClient()).StartAsync();

        var choose = await LastReplyAsync(client, "我材料准备好了，能帮我先看看吗");
        Assert.Contains("您要预审哪个事项的材料", choose.GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.Contains("食品经营许可证延续（告知承诺）", Actions(choose));

        var answer = await LastReplyAsync(client, "注册公司怎么办理");
        Assert.Equal("材料预审", Actions(answer)[0]);
        var started = await SayAsync(client, "材料预审");
        Assert.Contains("帮您预审「", started, StringComparison.Ordinal);
        Assert.Contains("身份证", started, StringComparison.Ordinal);
        Assert.Contains("预审不等于受理", started, StringComparison.Ordinal);
    }

    [CjkFontFact]
    public async Task AFileThatIsNotAPhotoGetsAPoliteAnswerAndTheCaseGoesOn()
    {
        var client = await new DirectLineClient(_factory.CreateClient()).StartAsync();
        await SayAsync(client, "帮我预审一下食品经营许可证延续的材料");

        var refused = await UploadAsync(client, "材料.pdf", "%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF"u8.ToArray(), "application/pdf");
        var broken = await UploadAsync(client, "坏图.png", [.. DirectLineUploadTests.PngBytes]);
        var read = await UploadAsync(client, "许可证.png", RenewalPhotos.FoodLicence);

        Assert.Contains("“材料.pdf”无法读取", refused, StringComparison.Ordinal);
        Assert.Contains("“坏图.png”无法读取", broken, StringComparison.Ordinal);
        Assert.Contains("识别为「食品经营许可证」", read, StringComparison.Ordinal);
        Assert.Contains("还差：营业执照、法定代表人身份证", read, StringComparison.Ordinal);
    }

    [CjkFontFact]
    public async Task PhotosAreDeletedAfterTheirRetentionAndTheChannelsCopyWithThem()
    {
        var client = await new DirectLineClient(_factory.CreateClient()).StartAsync();
        await SayAsync(client, "帮我预审一下食品经营许可证延续的材料");
        await UploadAsync(client, "许可证.png", RenewalPhotos.FoodLicence);
        var photos = Path.Combine(_factory.Content.Root, "data", "prereview");
        var sent = Path.Combine(_factory.Content.Root, "data", "uploads", client.ConversationId);
        Assert.Single(Directory.GetFiles(photos, "*", SearchOption.AllDirectories));
        Assert.Single(Directory.GetFiles(sent));

        _clock.Advance(TimeSpan.FromDays(29));
        Assert.Single(Directory.GetFiles(photos, "*", SearchOption.AllDirectories));

        _clock.Advance(TimeSpan.FromDays(2));
        await Eventually.TrueAsync(async () => (await UploadRowsAsync()).All(u => u.FileName is null), "the retention did not delete the photo");
        Assert.Empty(Directory.GetFiles(photos, "*", SearchOption.AllDirectories));
        Assert.Empty(Directory.Exists(sent) ? Directory.GetFiles(sent) : []);
        Assert.All(await UploadRowsAsync(), u => Assert.True(u.IsMasked));
    }

    private async Task<List<PreReviewUpload>> UploadRowsAsync()
    {
        await using var scope = _factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<XiaoshenDbContext>().PreReviewUploads.AsNoTracking().ToListAsync();
    }

    private static async Task<JsonElement> LastReplyAsync(DirectLineClient client, string text)
    {
        var (_, watermark) = await client.ActivitiesAsync();
        await client.PostAsync(text);
        var (activities, _) = await client.ActivitiesAsync(watermark);
        return activities.Last(a => a.GetProperty("type").GetString() == "message" && a.GetProperty("from").GetProperty("id").GetString() != "dl_test");
    }

    private static List<string> Actions(JsonElement reply) =>
        reply.TryGetProperty("suggestedActions", out var actions)
            ? actions.GetProperty("actions").EnumerateArray().Select(a => a.GetProperty("title").GetString()!).ToList()
            : [];

    internal static async Task<string> SayAsync(DirectLineClient client, string text)
    {
        var (_, watermark) = await client.ActivitiesAsync();
        await client.PostAsync(text);
        return await RepliesSinceAsync(client, watermark);
    }

    internal static async Task<string> UploadAsync(DirectLineClient client, string name, byte[] content, string contentType = "image/png")
    {
        var (_, watermark) = await client.ActivitiesAsync();
        await client.UploadAsync(name, contentType, content);
        return await RepliesSinceAsync(client, watermark);
    }

    // What Xiaoshen said after the watermark, joined.
    internal static async Task<string> RepliesSinceAsync(DirectLineClient client, string watermark)
    {
        var (activities, _) = await client.ActivitiesAsync(watermark);
        return string.Join('\n', activities
            .Where(a => a.GetProperty("from").GetProperty("id").GetString() != "dl_test" && a.TryGetProperty("text", out _))
            .Select(a => a.GetProperty("text").GetString()));
    }
}
