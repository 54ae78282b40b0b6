using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Xiaoshen.Knowledge;
using Xiaoshen.Knowledge.Indexing;
using Xiaoshen.Knowledge.Search;

namespace Xiaoshen.Tests.Knowledge;

/// <summary>Hot reload through the real background service and file watcher.</summary>
public sealed class IndexRefreshTests : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private readonly TestKnowledgeBase _content = new();
    private KnowledgeSearch _search = null!;
    private KnowledgeIndexer _indexer = null!;
    private IndexRefreshService _service = null!;

    public async Task InitializeAsync()
    {
        var options = Options.Create(new KnowledgeOptions
        {
            ContentPath = _content.ContentPath,
            IndexPath = _content.IndexPath,
            RebuildDelayMilliseconds = 200,
            PollSeconds = 1,
        });
        _search = new KnowledgeSearch(TimeProvider.System);
        _indexer = new KnowledgeIndexer(options, _search, TimeProvider.System, NullLogger<KnowledgeIndexer>.Instance);
        _service = new IndexRefreshService(_indexer, options, NullLogger<IndexRefreshService>.Instance);
        await _service.StartAsync(CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        await _service.StopAsync(CancellationToken.None);
        _service.Dispose();
        _search.Dispose();
        _content.Dispose();
    }

    [Fact]
    public async Task PicksUpAValidChangeAndSwapsTheBuild()
    {
        var before = _search.Build.Id;
        Assert.NotEqual(Decision.Answer, (await _search.AskAsync("紫罗兰暗号")).Decision);

        _content.Replace("matters/sb-card.md", "也问：", "也问：紫罗兰暗号｜");

        await WaitUntil(() => _search.Build.Id != before);
        var answer = await _search.AskAsync("紫罗兰暗号");
        Assert.Equal("sb-card", answer.Matter?.Id);
        Assert.Equal(_search.Build.Id, answer.BuildId);
        Assert.Null(_indexer.LastFailure);
    }

    [Fact]
    public async Task KeepsServingTheLastGoodBuildWhenContentBreaks()
    {
        var before = _search.Build.Id;

        _content.Replace("matters/sb-card.md", "department: 上海市人力资源和社会保障局", "department: 不存在的局");

        await WaitUntil(() => _indexer.LastFailure is not null);
        Assert.Equal(before, _search.Build.Id);
        Assert.Contains(_indexer.LastProblems, p => p.File == "matters/sb-card.md" && p.Message.Contains("不存在的局", StringComparison.Ordinal));
        Assert.Equal("sb-card", (await _search.AskAsync("社保卡丢了怎么补办")).Matter?.Id);

        _content.Replace("matters/sb-card.md", "department: 不存在的局", "department: 上海市人力资源和社会保障局");
        await WaitUntil(() => _indexer.LastFailure is null);
    }

    // An operator at 3 a.m. must see that editors' changes are not being served: a build that fails on the disk marks the
    // service unhealthy (the last good build still answers), and the next check after the disk is fixed builds the change.
    [Fact]
    public async Task ReportsABuildThatFailsOnTheDiskAndBuildsTheChangeOnceTheDiskIsBack()
    {
        var before = _search.Build.Id;
        var moved = _content.IndexPath + ".moved";
        Directory.Move(_content.IndexPath, moved);
        await File.WriteAllTextAsync(_content.IndexPath, "a file where the index folder belongs");

        _content.Replace("matters/sb-card.md", "也问：", "也问：紫罗兰暗号｜");

        await WaitUntil(() => _indexer.LastFailure is not null);
        Assert.Contains("failed", _indexer.LastFailure, StringComparison.Ordinal);
        Assert.Equal(before, _search.Build.Id);
        Assert.Equal("sb-card", (await _search.AskAsync("社保卡丢了怎么补办")).Matter?.Id);

        File.Delete(_content.IndexPath);
        Directory.Move(moved, _content.IndexPath);

        await WaitUntil(() => _search.Build.Id != before);
        Assert.Null(_indexer.LastFailure);
        Assert.Equal("sb-card", (await _search.AskAsync("紫罗兰暗号")).Matter?.Id);
    }

    private static async Task WaitUntil(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "the change was not picked up in time");
            await Task.Delay(100);
        }
    }
}
