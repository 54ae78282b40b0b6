using Xiaoshen.Tests.Cli;

namespace Xiaoshen.Tests.Hosting;

/// <summary>The real executable started in Production by an operator who forgot settings: told what to set, nothing else.</summary>
public sealed class StartupRefusalTests : IDisposable
{
    private readonly TestKnowledgeBase _kb = new();

    public void Dispose() => _kb.Dispose();

    [Fact]
    public async Task AProductionStartWithoutItsSettingsNamesEachOneAndExitsOneWithoutAStackTrace()
    {
        var (exit, output) = await StartAsync("Production", _kb.ContentPath, "--DirectLine:Secret", ServiceProcess.Secret);

        // Before: the host's "Hosting failed to start" and the runtime's unhandled exception, each with its stack trace, exit 134.
        Assert.Equal(1, exit);
        Assert.Contains("Refusing to start: PublicEndpoint:BaseUrl is not set.", output, StringComparison.Ordinal);
        Assert.Contains("Refusing to start: POST /api/messages would answer anyone", output, StringComparison.Ordinal);
        Assert.Contains("Xiaoshen did not start: 2 setting(s)", output, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AStartWithoutItsContentFolderSaysSoAndExitsOne()
    {
        // A published copy started where no knowledge-base folder is found. Before, the console's key ring read the
        // content path while the middleware was added, before the settings were checked: exit 134 and a stack trace.
        var (exit, output) = await StartAsync("Development", Path.Combine(_kb.Root, "no-such-folder"));

        Assert.Equal(1, exit);
        Assert.Contains("Refusing to start: Knowledge:ContentPath must be an existing folder", output, StringComparison.Ordinal);
        Assert.Contains("Knowledge__ContentPath", output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", output, StringComparison.Ordinal);
    }

    // The real executable in <paramref name="environment"/> on <paramref name="contentPath"/>: its exit code and all it printed.
    private async Task<(int ExitCode, string Output)> StartAsync(string environment, string contentPath, params string[] settings)
    {
        var (exit, stdout, stderr) = await CliProcess.RunAsync(
            _kb.Root,
            null,
            new Dictionary<string, string> { ["ASPNETCORE_ENVIRONMENT"] = environment, ["DOTNET_ENVIRONMENT"] = environment },
            ["--urls", "http://127.0.0.1:0", "--Knowledge:ContentPath", contentPath, "--Knowledge:IndexPath", _kb.IndexPath, "--Knowledge:WatchContent", "false", .. settings]);
        return (exit, stdout + stderr);
    }
}
