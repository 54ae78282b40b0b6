using System.Text.Json;

namespace Xiaoshen.Tests.Browser;

/// <summary>The unmodified botframework-directlinejs client (npm) against the running service, from Node.</summary>
[Collection(BrowserCollection.Name)]
public sealed class DirectLineJsTests
{
    [NodeFact]
    public async Task TheStockDirectLineClientTalksStreamsReconnectsAndUploads()
    {
        await NodePackages.EnsureAsync();
        await using var service = await ServiceProcess.StartAsync();

        var (exit, stdout, stderr) = await NodePackages.RunAsync("node", $"directline-check.js {service.BaseUrl} {ServiceProcess.Secret}", check: false);

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
}
