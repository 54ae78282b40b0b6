using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Xiaoshen.Tests.Api;

/// <summary>The web host on a private copy of the test knowledge base and a private index folder.</summary>
public sealed class BotApiFactory : WebApplicationFactory<Program>
{
    public TestKnowledgeBase Content { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Knowledge:ContentPath", Content.ContentPath);
        builder.UseSetting("Knowledge:IndexPath", Content.IndexPath);
        builder.UseSetting("Knowledge:WatchContent", "false");
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            Content.Dispose();
        }
    }
}
