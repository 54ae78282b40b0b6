using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Xiaoshen.Tests.Api;

/// <summary>
/// The web host on a private copy of the test knowledge base, with its own index folder and SQLite database beside it.
/// Pass the same <see cref="TestKnowledgeBase"/> to a second factory to restart the host on the same data.
/// </summary>
public class BotApiFactory : WebApplicationFactory<Program>
{
    private readonly bool _ownsContent;
    private readonly Dictionary<string, string?> _settings = new(StringComparer.Ordinal);
    private readonly List<Action<IServiceCollection>> _services = [];

    public BotApiFactory()
        : this(new TestKnowledgeBase(), ownsContent: true)
    {
    }

    protected BotApiFactory(TestKnowledgeBase content, bool ownsContent)
    {
        Content = content;
        _ownsContent = ownsContent;
    }

    public TestKnowledgeBase Content { get; }

    /// <summary>A host on existing content and data, e.g. to restart on what an earlier host wrote.</summary>
    public static BotApiFactory On(TestKnowledgeBase content) => new(content, ownsContent: false);

    public BotApiFactory WithSetting(string key, string? value)
    {
        _settings[key] = value;
        return this;
    }

    public BotApiFactory WithServices(Action<IServiceCollection> configure)
    {
        _services.Add(configure);
        return this;
    }

    private string _environment = "Testing";

    /// <summary>
    /// Runs the host in <paramref name="environment"/>. Outside Development and Testing the host needs what a real
    /// deployment needs: Bot Framework credentials are filled in (placeholders; no token from a caller is valid against
    /// them) unless the test sets <c>MicrosoftAppId</c> itself.
    /// </summary>
    public BotApiFactory WithEnvironment(string environment)
    {
        _environment = environment;
        return this;
    }

    /// <summary>Lets requests choose the caller's address with the <see cref="RemoteAddressFilter.Header"/> header.</summary>
    public BotApiFactory WithRemoteAddresses() => WithServices(s => s.AddSingleton<IStartupFilter, RemoteAddressFilter>());

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(_environment);
        builder.UseSetting("Knowledge:ContentPath", Content.ContentPath);
        builder.UseSetting("Knowledge:IndexPath", Content.IndexPath);
        builder.UseSetting("Knowledge:WatchContent", "false");
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        if (_environment is not ("Testing" or "Development") && !_settings.ContainsKey("MicrosoftAppId"))
        {
            builder.UseSetting("MicrosoftAppId", "00000000-0000-0000-0000-0000000000a1");
            builder.UseSetting("MicrosoftAppPassword", "placeholder-not-a-secret");
        }

        // Outside Development and Testing links come from the configured public address; a test that checks the refusal sets it empty.
        if (_environment is not ("Testing" or "Development") && !_settings.ContainsKey("PublicEndpoint:BaseUrl"))
        {
            builder.UseSetting("PublicEndpoint:BaseUrl", "https://chat.example.test");
        }

        // The analysis budget is a wall-clock backstop; a busy test machine must not turn ordinary turns into "too slow".
        builder.UseSetting("Conversations:AnalysisBudgetMilliseconds", "60000");
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureTestServices(services =>
        {
            foreach (var configure in _services)
            {
                configure(services);
            }
        });
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing && _ownsContent)
        {
            Content.Dispose();
        }
    }
}
