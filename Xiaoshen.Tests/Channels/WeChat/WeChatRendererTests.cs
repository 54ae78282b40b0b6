using System.Text;
using Microsoft.Extensions.Options;
using Xiaoshen.Bot.Channels;
using Xiaoshen.Bot.Channels.WeChat;

namespace Xiaoshen.Tests.Channels.WeChat;

public sealed class WeChatRendererTests
{
    private static readonly WeChatRenderer Renderer = new(new StaticOptions(new WeChatOptions
    {
        MaxTextBytes = 300,
        Texts = new WeChatTexts
        {
            OptionLine = "回复 {Number} {Title}",
            LinkLine = "{Title}：{Url}",
            FileLine = "文件“{Name}”：{Url}",
        },
    }));

    [Fact]
    public void LinksBecomeTextAndChoicesBecomeNumberedOptions()
    {
        var reply = new OutboundReply("社保卡补办说明。")
        {
            Buttons = [new ReplyAction("在线办理", ReplyActionKind.OpenUrl, "https://zwdt.sh.gov.cn")],
            SuggestedActions = [new ReplyAction("申请材料", ReplyActionKind.SendText, "申请材料"), new ReplyAction("有帮助", ReplyActionKind.SendText, "有帮助")],
        };

        var rendering = Renderer.Render([reply]);

        Assert.Equal("社保卡补办说明。\n在线办理：https://zwdt.sh.gov.cn\n回复 1 申请材料\n回复 2 有帮助", Assert.Single(rendering.Texts));
        Assert.Equal(["申请材料", "有帮助"], rendering.Options);
    }

    [Fact]
    public void MarkdownFromAHumanAgentIsShownAsPlainText()
    {
        var rendering = Renderer.Render([new OutboundReply("**请带好**身份证") { IsMarkdown = true }]);

        Assert.Equal("请带好身份证", Assert.Single(rendering.Texts));
    }

    [Fact]
    public void ALongAnswerIsSplitAtSentencesWithinTheByteLimit()
    {
        var sentence = "办理社会保障卡补换需要携带本人有效身份证件原件。";
        var text = string.Concat(Enumerable.Repeat(sentence, 20));

        var rendering = Renderer.Render([new OutboundReply(text)]);

        Assert.True(rendering.Texts.Count > 1);
        Assert.All(rendering.Texts, t => Assert.InRange(Encoding.UTF8.GetByteCount(t), 1, 300));
        Assert.All(rendering.Texts, t => Assert.EndsWith("。", t, StringComparison.Ordinal));
        Assert.Equal(text, string.Concat(rendering.Texts));
    }

    [Fact]
    public void ImagesAreKeptForUploadAndOtherFilesBecomeLinks()
    {
        var image = new ReplyAttachment("image/png", "shot.png", "https://x.example/shot.png");
        var pdf = new ReplyAttachment("application/pdf", "表.pdf", "https://x.example/form.pdf");

        var rendering = Renderer.Render([new OutboundReply("请看：") { Attachments = [image, pdf] }]);

        Assert.Equal([image], rendering.Images);
        Assert.Equal("请看：\n文件“表.pdf”：https://x.example/form.pdf", Assert.Single(rendering.Texts));
    }

    [Theory]
    [InlineData("2", "有帮助")]
    [InlineData(" 1 ", "申请材料")]
    [InlineData("3", "3")]
    [InlineData("１", "申请材料")]
    [InlineData("社保卡", "社保卡")]
    [InlineData("第二个", "有帮助")]
    public void ANumberStandsForTheOptionShown(string reply, string expected)
    {
        var state = new WeChatUserState { Options = ["申请材料", "有帮助"] };

        Assert.Equal(expected, state.Resolve(reply));
    }

    private sealed class StaticOptions(WeChatOptions value) : IOptionsMonitor<WeChatOptions>
    {
        public WeChatOptions CurrentValue => value;

        public WeChatOptions Get(string? name) => value;

        public IDisposable? OnChange(Action<WeChatOptions, string?> listener) => null;
    }
}
