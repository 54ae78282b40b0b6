using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xiaoshen.Bot.KnowledgeAdmin;
using Xiaoshen.Bot.Storage;
using Xiaoshen.Knowledge.Content;

namespace Xiaoshen.Tests.Api;

/// <summary>
/// The knowledge page's services in a real host (issue 14, section 4): questions people asked over /api/messages are
/// listed as unanswered, grouped by matter and wording; an editor's attach or out-of-scope choice is written to the
/// content and recorded with who, when and what; a refused write is recorded, changes nothing and keeps the question listed.
/// </summary>
public sealed class KnowledgeEditingTests : IDisposable
{
    private const string Question = "我那张蓝色的卡没了";
    private readonly BotApiFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    private UnansweredQuestions Unanswered => _factory.Services.GetRequiredService<UnansweredQuestions>();

    private KnowledgeEditing Editing => _factory.Services.GetRequiredService<KnowledgeEditing>();

    [Fact]
    public async Task ListsFallbacksGroupedByTheClosestMatterWithCountAndLastSeen()
    {
        var client = _factory.CreateClient();
        await new BotClient(client, "ask-1").SayAsync(Question);
        await new BotClient(client, "ask-2").SayAsync(Question);
        await new BotClient(client, "ask-3").SayAsync("快递丢了怎么赔");

        var groups = await Unanswered.GroupsAsync(CancellationToken.None);

        var card = Assert.Single(groups, g => g.Texts.Any(t => t.Text == Question));
        Assert.Equal("sb-card", card.MatterId);
        Assert.Equal(2, card.Count);
        Assert.Contains(UnansweredQuestions.Fallback, card.Reasons);
        Assert.DoesNotContain(card.Texts, t => t.Text == "快递丢了怎么赔");
    }

    [Fact]
    public async Task AnAttachIsWrittenToTheMatterFileRecordedWithWhoAndWhatAndNoLongerListed()
    {
        await new BotClient(_factory.CreateClient(), "ask-1").SayAsync(Question);
        var version = Editing.ReadMatter("sb-card")!.Version;

        var edit = await Editing.AttachAsync("editor", [Question], "sb-card", 1, Question, version, CancellationToken.None);

        Assert.Equal(ContentEdit.WrittenOutcome, edit.Outcome);
        Assert.Contains("医保卡丢了在哪补｜" + Question, _factory.Content.Read("matters/sb-card.md"), StringComparison.Ordinal);
        var recorded = Assert.Single(await StoredEditsAsync());
        Assert.Equal(("editor", ContentEditAction.Attach, "sb-card", 1, Question), (recorded.HumanAgentId, recorded.Action, recorded.MatterId, recorded.FaqNumber, recorded.Wording));
        Assert.Equal(Path.Combine("matters", "sb-card.md"), recorded.File);
        Assert.NotEqual(default, recorded.At);
        Assert.DoesNotContain(await Unanswered.GroupsAsync(CancellationToken.None), g => g.Texts.Any(t => t.Text == Question));
    }

    [Fact]
    public async Task OutOfScopeIsWrittenToTheOutOfScopeListWithPersonalNumbersMaskedAndRecorded()
    {
        var version = Editing.ReadOutOfScope()!.Version;

        var edit = await Editing.MarkOutOfScopeAsync("editor", ["手机号13812345678欠费停机了"], "银行和日常消费", "手机号13812345678欠费停机了", version, CancellationToken.None);

        Assert.Equal(ContentEdit.WrittenOutcome, edit.Outcome);
        var list = _factory.Content.Read("out-of-scope.yaml");
        Assert.DoesNotContain("13812345678", list, StringComparison.Ordinal);
        Assert.Contains("快递丢了怎么赔, \"手机号", list, StringComparison.Ordinal);
        var topic = ContentLoader.Load(_factory.Content.ContentPath, new DateOnly(2026, 11, 26)).Knowledge!.OutOfScope.Single(t => t.Topic == "银行和日常消费");
        Assert.Equal(edit.Wording, topic.Phrasings[^1]);
        Assert.StartsWith("手机号138", edit.Wording, StringComparison.Ordinal);
        var recorded = Assert.Single(await StoredEditsAsync());
        Assert.Equal((ContentEditAction.OutOfScope, "银行和日常消费", "out-of-scope.yaml"), (recorded.Action, recorded.Topic, recorded.File));
        Assert.DoesNotContain("13812345678", recorded.Covers, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ARefusedWriteChangesNothingIsRecordedAndTheQuestionStaysListed()
    {
        await new BotClient(_factory.CreateClient(), "ask-1").SayAsync(Question);
        var version = Editing.ReadMatter("sb-card")!.Version;
        _factory.Content.Replace("matters/sb-card.md", "社保卡掉了怎么办", "社保卡掉了该怎么办");
        var saved = _factory.Content.Read("matters/sb-card.md");

        var edit = await Editing.AttachAsync("editor", [Question], "sb-card", 1, Question, version, CancellationToken.None);

        Assert.Equal("FileChanged", edit.Outcome);
        Assert.Equal(saved, _factory.Content.Read("matters/sb-card.md"));
        Assert.Equal("FileChanged", Assert.Single(await StoredEditsAsync()).Outcome);
        Assert.Contains(await Unanswered.GroupsAsync(CancellationToken.None), g => g.Texts.Any(t => t.Text == Question));
    }

    private async Task<List<ContentEdit>> StoredEditsAsync()
    {
        await using var scope = _factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<XiaoshenDbContext>().ContentEdits.AsNoTracking().ToListAsync();
    }
}
