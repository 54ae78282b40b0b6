using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Xiaoshen.Knowledge;
using Xiaoshen.Knowledge.Indexing;
using Xiaoshen.Knowledge.Search;

namespace Xiaoshen.Tests.Knowledge;

/// <summary>
/// The hit test's builds to compare with the serving one (issue 14, section 4): the content folder's current state
/// built as a candidate that is never served, and the build the last rebuild replaced.
/// </summary>
public sealed class CandidateBuildTests : IDisposable
{
    private const string Question = "我那张蓝色的卡没了";
    private readonly TestKnowledgeBase _content = new();
    private readonly KnowledgeSearch _search = new(TimeProvider.System);
    private readonly KnowledgeIndexer _indexer;

    public CandidateBuildTests()
    {
        var options = Options.Create(new KnowledgeOptions { ContentPath = _content.ContentPath, IndexPath = _content.IndexPath });
        _indexer = new KnowledgeIndexer(options, _search, TimeProvider.System, NullLogger<KnowledgeIndexer>.Instance);
    }

    public void Dispose()
    {
        _search.Dispose();
        _content.Dispose();
    }

    [Fact]
    public async Task ACandidateAnswersFromTheEditedContentWhileTheServingBuildIsUnchanged()
    {
        await _indexer.RefreshAsync();
        var serving = _search.Build.Id;
        _content.Replace("matters/sb-card.md", "医保卡丢了在哪补", "医保卡丢了在哪补｜" + Question);

        string folder;
        using (var candidate = await _indexer.BuildCandidateAsync())
        {
            var answer = await candidate.Search!.AskAsync(Question);
            Assert.Equal((Decision.Answer, "sb-card#1"), (answer.Decision, answer.ContentId));
            Assert.NotEqual(serving, candidate.Search.Build.Id);
            folder = Assert.Single(
                Directory.GetDirectories(Path.GetTempPath(), "xiaoshen-candidate-*"),
                d => File.Exists(Path.Combine(d, "build.json")) && File.ReadAllText(Path.Combine(d, "build.json")).Contains(candidate.Search.Build.Id, StringComparison.Ordinal));
        }

        Assert.Equal(serving, _search.Build.Id);
        Assert.NotEqual(Decision.Answer, (await _search.AskAsync(Question)).Decision);
        Assert.False(Directory.Exists(folder));
    }

    [Fact]
    public async Task ACandidateOfBrokenContentHasNoSearchAndSaysWhy()
    {
        await _indexer.RefreshAsync();
        _content.Replace("matters/sb-card.md", "## 申请材料", "## 申请资料");

        using var candidate = await _indexer.BuildCandidateAsync();

        Assert.Null(candidate.Search);
        Assert.Contains(candidate.Problems, p => p.File.Contains("sb-card", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ThePreviousBuildIsTheOneTheLastRebuildReplaced()
    {
        await _indexer.RefreshAsync();
        var first = _search.Build.Id;
        Assert.Null(_indexer.OpenPreviousBuild());
        _content.Replace("matters/sb-card.md", "医保卡丢了在哪补", "医保卡丢了在哪补｜" + Question);
        await _indexer.RefreshAsync();

        using var previous = _indexer.OpenPreviousBuild();

        Assert.Equal(first, previous!.Build.Id);
        Assert.NotEqual(Decision.Answer, (await previous.AskAsync(Question)).Decision);
        Assert.Equal(Decision.Answer, (await _search.AskAsync(Question)).Decision);
    }
}
