using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Xiaoshen.Knowledge;
using Xiaoshen.Knowledge.Indexing;
using Xiaoshen.Knowledge.Search;

namespace Xiaoshen.Tests;

/// <summary>A real index built from a copy of the test knowledge base, shared by the tests of one class.</summary>
public sealed class KnowledgeFixture : IAsyncLifetime
{
    public TestKnowledgeBase Content { get; } = new();

    public KnowledgeSearch Search { get; private set; } = null!;

    public KnowledgeIndexer Indexer { get; private set; } = null!;

    public static (KnowledgeSearch Search, KnowledgeIndexer Indexer) Create(TestKnowledgeBase content, TimeProvider? time = null)
    {
        var clock = time ?? TimeProvider.System;
        var options = Options.Create(new KnowledgeOptions { ContentPath = content.ContentPath, IndexPath = content.IndexPath });
        var search = new KnowledgeSearch(clock);
        return (search, new KnowledgeIndexer(options, search, clock, NullLogger<KnowledgeIndexer>.Instance));
    }

    public async Task InitializeAsync()
    {
        (Search, Indexer) = Create(Content);
        var result = await Indexer.RefreshAsync();
        Assert.True(result.IsValid, string.Join('\n', result.Errors));
    }

    public Task DisposeAsync()
    {
        Search.Dispose();
        Content.Dispose();
        return Task.CompletedTask;
    }
}
