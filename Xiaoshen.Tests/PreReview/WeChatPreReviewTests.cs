using System.Text;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xiaoshen.Bot.PreReview;
using Xiaoshen.Bot.Storage;
using Xiaoshen.Tests.Channels.WeChat;
using static Xiaoshen.Tests.Channels.WeChat.WeChatHost;

namespace Xiaoshen.Tests.PreReview;

/// <summary>
/// 材料预审 in WeChat (issue 16): signed XML pushes to the WeChat endpoint, the photos sent as image messages and fetched
/// from the (fake) WeChat media API with the shared access token, read like web-chat photos; the findings come back as
/// WeChat texts within the length limit. A photo that cannot be fetched is asked for again and nothing is lost; a push
/// WeChat delivers twice is read once; outside a pre-review a photo gets the usual answer and is not fetched.
/// </summary>
public sealed class WeChatPreReviewTests
{
    private const string MediaGet = "/cgi-bin/media/get";
    private const string CustomSend = "/cgi-bin/message/custom/send";

    [CjkFontFact]
    public async Task APersonSendsPhotosInWeChatAndGetsFindingsNamingTheDocuments()
    {
        // A low text limit, so the findings need more than one WeChat message.
        await using var host = await StartAsync(h =>
        {
            h.ContentSource = TestKnowledgeBase.RepositorySource;
            h.With("WeChat:MaxTextBytes", "600");
        });
        var user = NewUser();
        host.Api.ServeMedia("licence", RenewalPhotos.FoodLicence);
        host.Api.ServeMedia("business", RenewalPhotos.BusinessLicence);
        host.Api.ServeMedia("id-card", RenewalPhotos.IdCard);

        var before = await ReplyTextAsync(host, Image(user, "licence"));
        Assert.Contains("文字", before, StringComparison.Ordinal);
        Assert.DoesNotContain("识别为", before, StringComparison.Ordinal);
        Assert.Empty(host.Api.To(MediaGet));

        var started = await ReplyTextAsync(host, Text(user, "帮我预审一下食品经营许可证延续的材料"));
        Assert.Contains("食品经营许可证延续", started, StringComparison.Ordinal);

        // WeChat no longer has this one (or the download failed): asked again, politely; the pre-review goes on.
        var lost = await ReplyTextAsync(host, Image(user, "expired-media"));
        Assert.Contains("这张照片没有收到", lost, StringComparison.Ordinal);
        Assert.Contains("请重新发送", lost, StringComparison.Ordinal);

        var first = await ReplyTextAsync(host, Image(user, "licence"));
        Assert.Contains("识别为「食品经营许可证」", first, StringComparison.Ordinal);
        Assert.Contains("还差：营业执照、法定代表人身份证", first, StringComparison.Ordinal);
        Assert.Contains("识别为「营业执照」", await ReplyTextAsync(host, Image(user, "business")), StringComparison.Ordinal);
        var passive = await ReplyTextAsync(host, Image(user, "id-card"));
        var rest = await host.Api.WaitForAsync(CustomSend, r => r.Body.Contains(user, StringComparison.Ordinal) && r.Body.Contains("预审不等于受理", StringComparison.Ordinal));
        var texts = new[] { passive }.Concat(rest.Where(r => r.Body.Contains(user, StringComparison.Ordinal))
            .Select(r => (string)JsonNode.Parse(r.Body)!["text"]!["content"]!)).ToList();
        var result = string.Join('\n', texts);

        Assert.Contains("「食品经营许可证」（第 1 张）的有效期到 2026-06-30，看起来已经过期", result, StringComparison.Ordinal);
        Assert.Contains("「食品经营许可证」上的名称“上海小申餐饮有限公司”与「营业执照」上的名称“上海小申餐饮管理有限公司”不一致", result, StringComparison.Ordinal);
        Assert.Contains("预审不等于受理", result, StringComparison.Ordinal);
        Assert.DoesNotContain(RenewalPhotos.IdNumber, result, StringComparison.Ordinal);
        Assert.True(texts.Count > 1);
        Assert.All(texts, t => Assert.InRange(Encoding.UTF8.GetByteCount(t), 1, 600));

        // Each fetch carried the account's access token.
        Assert.All(host.Api.To(MediaGet), r => Assert.StartsWith("token-", r.Query["access_token"], StringComparison.Ordinal));
        var stored = await CaseAsync(host);
        Assert.Equal(PreReviewStatus.Submitted, stored.Case.Status);
        Assert.Equal(["食品经营许可证", "营业执照", "法定代表人身份证"], stored.Documents);
    }

    [CjkFontFact]
    public async Task AnImagePushDeliveredTwiceIsReadOnce()
    {
        await using var host = await StartAsync(h => h.ContentSource = TestKnowledgeBase.RepositorySource);
        var user = NewUser();
        host.Api.ServeMedia("licence", RenewalPhotos.FoodLicence);
        await ReplyTextAsync(host, Text(user, "帮我预审一下食品经营许可证延续的材料"));

        var push = Image(user, "licence");
        var first = await ReplyTextAsync(host, push);
        var again = await ReplyAsync(await host.PostAsync(Plain, push), Plain);

        Assert.Contains("识别为「食品经营许可证」", first, StringComparison.Ordinal);
        // WeChat retries a push it got no answer to: the same answer again (or the acknowledgement), not a second reading.
        Assert.Contains(again?["Content"] ?? string.Empty, new[] { string.Empty, first });
        Assert.Single(host.Api.To(MediaGet));
        Assert.Equal(["食品经营许可证"], (await CaseAsync(host)).Documents);
    }

    // An image message from the person, with its own MsgId, as WeChat pushes it.
    private static string Image(string user, string mediaId) =>
        With(With(With(Payload("official-account/image.xml"), "FromUserName", user), "MediaId", mediaId), "MsgId", NewMsgId());

    private static async Task<string> ReplyTextAsync(WeChatHost host, string push) =>
        (await ReplyAsync(await host.PostAsync(Plain, push), Plain))?["Content"] ?? string.Empty;

    private static async Task<(PreReviewCase Case, List<string?> Documents)> CaseAsync(WeChatHost host)
    {
        await using var scope = host.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<XiaoshenDbContext>();
        var stored = await db.PreReviewCases.AsNoTracking().SingleAsync();
        var documents = await db.PreReviewUploads.Where(u => u.CaseId == stored.Id).OrderBy(u => u.Number).Select(u => u.Document).ToListAsync();
        return (stored, documents);
    }
}
