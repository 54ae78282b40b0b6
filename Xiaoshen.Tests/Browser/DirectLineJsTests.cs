using System.Diagnostics;
using System.Text.Json;

namespace Xiaoshen.Tests.Browser;

/// <summary>The unmodified botframework-directlinejs client (npm) against the running service, from Node.</summary>
[Collection(BrowserCollection.Name)]
public sealed class DirectLineJsTests
{
    private static readonly string Folder = Path.Combine(AppContext.BaseDirectory, "Node");

    [NodeFact]
    public async Task TheStockDirectLineClientTalksStreamsReconnectsAndUploads()
    {
        await RunAsync("npm", "ci --no-audit --no-fund --loglevel=error");
        await using var service = await ServiceProcess.StartAsync();

        var (exit, stdout, stderr) = await RunAsync("node", $"directline-check.js {service.BaseUrl} {ServiceProcess.Secret}", check: false);

        Assert.True(exit == 0, $"node failed:\n{stderr}\n{stdout}\nservice log:\n{service.Log}");
        using var seen = JsonDocument.Parse(stdout.Trim().Split('\n')[^1]);
        var root = seen.RootElement;
        Assert.True(root.GetProperty("online").GetBoolean());
        Assert.StartsWith("您好，我是小申", root.GetProperty("welcome").GetString(), StringComparison.Ordinal);
        Assert.Equal(root.GetProperty("postedId").GetString(), root.GetProperty("answerReplyTo").GetString());
        Assert.Contains("社会保障卡申领、补换与挂失", root.GetProperty("followUp").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, root.GetProperty("replayedBeforeWatermark").GetInt32());
        Assert.Equal(200, root.GetProperty("uploadStatus").GetInt32());
        Assert.Equal(70, root.GetProperty("uploadBytes").GetInt32());
    }

    private static async Task<(int Exit, string Stdout, string Stderr)> RunAsync(string file, string arguments, bool check = true)
    {
        using var process = Process.Start(new ProcessStartInfo(file, arguments)
        {
            WorkingDirectory = Folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(timeout.Token);
        if (check && process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {arguments} failed: {await stderr}");
        }

        return (process.ExitCode, await stdout, await stderr);
    }
}
