using System.Text;
using Xiaoshen.Knowledge.Content;

namespace Xiaoshen.Tests.Knowledge;

/// <summary>
/// The console's edits of the content folder (issue 14, section 4): one line changes or is added, comments, blank lines,
/// line endings and a BOM stay, the result loads, and a refused edit leaves the file as it was.
/// </summary>
public sealed class ContentEditorTests : IDisposable
{
    private const string Matter = "matters/sb-card.md";
    private static readonly DateOnly Today = new(2026, 11, 26);
    private readonly TestKnowledgeBase _kb = new();

    public void Dispose() => _kb.Dispose();

    [Fact]
    public void AddsAPhrasingToTheFaqsAlsoAskedLineAndChangesNothingElse()
    {
        // A comment in the front matter and a trailing space elsewhere must survive the edit.
        _kb.Replace(Matter, "audience: 个人", "audience: 个人   # 对象：个人或企业");
        var before = _kb.Read(Matter);
        var view = ContentEditor.ReadMatter(_kb.ContentPath, "sb-card")!;
        Assert.Equal("第一次在上海办社保卡怎么申请？", view.Items[1]);

        var result = ContentEditor.AddPhrasing(_kb.ContentPath, "sb-card", 2, "  刚来上海 社保卡\n怎么领 ", view.Version);

        Assert.True(result.Succeeded, result.Failure?.ToString());
        Assert.Equal("刚来上海 社保卡 怎么领", result.Phrasing);
        var after = _kb.Read(Matter);
        Assert.Equal(
            before.Replace("也问：新参保怎么领社保卡｜外地人在上海怎么办社保卡｜刚工作社保卡在哪办", "也问：新参保怎么领社保卡｜外地人在上海怎么办社保卡｜刚工作社保卡在哪办｜刚来上海 社保卡 怎么领", StringComparison.Ordinal),
            after);
        Assert.Contains("audience: 个人   # 对象：个人或企业", after, StringComparison.Ordinal);
        var loaded = ContentLoader.Load(_kb.ContentPath, Today);
        Assert.Contains("刚来上海 社保卡 怎么领", loaded.Knowledge!.Matters["sb-card"].Faqs[1].Alternatives);
    }

    [Fact]
    public void KeepsWindowsLineEndingsAndTheByteOrderMark()
    {
        var crlf = _kb.Read(Matter).Replace("\n", "\r\n", StringComparison.Ordinal);
        File.WriteAllBytes(_kb.PathOf(Matter), [.. Encoding.UTF8.Preamble, .. Encoding.UTF8.GetBytes(crlf)]);
        var view = ContentEditor.ReadMatter(_kb.ContentPath, "sb-card")!;

        var result = ContentEditor.AddPhrasing(_kb.ContentPath, "sb-card", 1, "社保卡弄丢了咋整", view.Version);

        Assert.True(result.Succeeded, result.Failure?.ToString());
        var bytes = File.ReadAllBytes(_kb.PathOf(Matter));
        Assert.True(bytes.AsSpan().StartsWith(Encoding.UTF8.Preamble));
        var text = Encoding.UTF8.GetString(bytes.AsSpan(3));
        Assert.Equal(crlf.Replace("医保卡丢了在哪补\r\n", "医保卡丢了在哪补｜社保卡弄丢了咋整\r\n", StringComparison.Ordinal), text);
    }

    [Fact]
    public void AddsAnAlsoAskedLineUnderAQuestionThatHasNone()
    {
        _kb.Replace(Matter, "也问：社保卡临时挂失｜社保卡找到了怎么解除挂失｜社保卡被偷了先干嘛\n", string.Empty);
        var view = ContentEditor.ReadMatter(_kb.ContentPath, "sb-card")!;

        var result = ContentEditor.AddPhrasing(_kb.ContentPath, "sb-card", 3, "社保卡怎么临时冻结", view.Version);

        Assert.True(result.Succeeded, result.Failure?.ToString());
        Assert.Contains("### 社保卡怎么挂失？要解挂吗？\n也问：社保卡怎么临时冻结\n", _kb.Read(Matter), StringComparison.Ordinal);
        Assert.Equal(["社保卡怎么临时冻结"], ContentLoader.Load(_kb.ContentPath, Today).Knowledge!.Matters["sb-card"].Faqs[2].Alternatives);
    }

    [Fact]
    public void AddsAnOutOfScopePhrasingToAnExistingTopicAndAppendsANewTopic()
    {
        var before = _kb.Read(ContentEditor.OutOfScopeFile);
        var view = ContentEditor.ReadOutOfScope(_kb.ContentPath)!;

        var existing = ContentEditor.AddOutOfScope(_kb.ContentPath, "银行和日常消费", "共享单车押金怎么退", view.Version);
        var added = ContentEditor.AddOutOfScope(_kb.ContentPath, "天气", "明天上海下雨吗, 要带伞吗", ContentEditor.ReadOutOfScope(_kb.ContentPath)!.Version);

        Assert.True(existing.Succeeded, existing.Failure?.ToString());
        Assert.True(added.Succeeded, added.Failure?.ToString());
        var after = _kb.Read(ContentEditor.OutOfScopeFile);
        Assert.StartsWith("# 测试用：不在事项目录里的政务话题。\n", after, StringComparison.Ordinal);
        Assert.Equal(
            before.Replace("快递丢了怎么赔]", "快递丢了怎么赔, 共享单车押金怎么退]", StringComparison.Ordinal)
                + "  - topic: 天气\n    phrasings: [\"明天上海下雨吗, 要带伞吗\"]\n",
            after);
        var topics = ContentLoader.Load(_kb.ContentPath, Today).Knowledge!.OutOfScope;
        Assert.Contains("共享单车押金怎么退", topics.Single(t => t.Topic == "银行和日常消费").Phrasings);
        Assert.Equal(["明天上海下雨吗, 要带伞吗"], topics.Single(t => t.Topic == "天气").Phrasings);
    }

    [Fact]
    public void RefusesWhenTheFileChangedSinceTheEditorReadItAndKeepsTheOtherChange()
    {
        var view = ContentEditor.ReadMatter(_kb.ContentPath, "sb-card")!;
        _kb.Replace(Matter, "社保卡掉了怎么办", "社保卡掉了该怎么办");
        var saved = _kb.Read(Matter);

        var result = ContentEditor.AddPhrasing(_kb.ContentPath, "sb-card", 1, "社保卡弄丢了咋整", view.Version);

        Assert.Equal(ContentEditFailure.FileChanged, result.Failure);
        Assert.Equal(saved, _kb.Read(Matter));
    }

    [Fact]
    public void RefusesToEditABrokenFile()
    {
        _kb.Replace(Matter, "## 申请材料", "## 申请资料");
        var broken = _kb.Read(Matter);
        var version = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(_kb.PathOf(Matter))));

        var result = ContentEditor.AddPhrasing(_kb.ContentPath, "sb-card", 1, "社保卡弄丢了咋整", version);

        Assert.Equal(ContentEditFailure.Broken, result.Failure);
        Assert.Equal(broken, _kb.Read(Matter));
    }

    [ReadOnlyFolderFact]
    public void RefusesWhenTheContentFolderCannotBeWrittenAndLeavesTheFileAsItWas()
    {
        var before = _kb.Read(Matter);
        var view = ContentEditor.ReadMatter(_kb.ContentPath, "sb-card")!;
        ContentEditResult result;
        using (var folder = new ReadOnlyFolder(_kb.PathOf("matters")))
        {
            Assert.True(folder.IsReadOnly);
            result = ContentEditor.AddPhrasing(_kb.ContentPath, "sb-card", 1, "社保卡弄丢了咋整", view.Version);
        }

        Assert.Equal(ContentEditFailure.ReadOnly, result.Failure);
        Assert.Equal(before, _kb.Read(Matter));
        Assert.Equal(["sb-card.md"], Directory.GetFiles(_kb.PathOf("matters"), "*sb-card*").Select(Path.GetFileName));
    }

    [Theory]
    [InlineData("社保卡掉了怎么办", ContentEditFailure.Duplicate)]
    [InlineData("社保卡｜医保卡", ContentEditFailure.InvalidWording)]
    [InlineData("   ", ContentEditFailure.InvalidWording)]
    public void RefusesDuplicateAndUnwritablePhrasings(string wording, ContentEditFailure failure)
    {
        var before = _kb.Read(Matter);
        var view = ContentEditor.ReadMatter(_kb.ContentPath, "sb-card")!;

        var result = ContentEditor.AddPhrasing(_kb.ContentPath, "sb-card", 1, wording, view.Version);

        Assert.Equal(failure, result.Failure);
        Assert.Equal(before, _kb.Read(Matter));
    }
}
