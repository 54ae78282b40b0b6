using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Npgsql;
using Xiaoshen.Tests.Api;
using Xiaoshen.Tests.Channels.WeChat;
using Xiaoshen.Tests.Storage;
using static Xiaoshen.Tests.Channels.WeChat.WeChatHost;

namespace Xiaoshen.Tests.Cluster;

/// <summary>
/// Two real service processes on one PostgreSQL database and one Redis, started together on a database that does not
/// exist yet (issue 13): both start, and a WeChat push that reaches both (WeChat retries go wherever the load balancer
/// sends them) is answered once. WeChat's servers are faked at the HTTP edge. A web-chat citizen whose requests the load
/// balancer spreads over both nodes sees one conversation: a stream on one node carries what was said on the other,
/// and when a node is killed the citizen resumes on the other with the same token and watermark.
/// </summary>
public sealed class TwoProcessTests
{
    private const string CustomSend = "/cgi-bin/message/custom/send";

    [RedisFact(withPostgres: true)]
    public async Task APushDeliveredToTwoNodesIsAnsweredOnce()
    {
        using var deployment = new RedisDeployment();
        await using var database = PostgresDatabase.NotCreated();
        await using var api = await FakeWeChatApi.StartAsync();
        var settings = new Dictionary<string, string>(Settings(deployment, database))
        {
            ["WeChat:ApiBaseUrl"] = api.BaseUrl,
            ["WeChat:RetryDelayMilliseconds"] = "0",
            ["WeChat:Accounts:plain:Token"] = Plain.Token,
            ["WeChat:Accounts:plain:AppId"] = Plain.ReceiveId,
            ["WeChat:Accounts:plain:AppSecret"] = "plain-secret",
            ["WeChat:Accounts:plain:Mode"] = Plain.Mode,
        };
        var nodes = await Task.WhenAll(ServiceProcess.StartAsync(settings), ServiceProcess.StartAsync(settings));
        await using var nodeA = nodes[0];
        await using var nodeB = nodes[1];
        using var http = new HttpClient();
        var user = NewUser();
        var push = Text(user, "社保卡丢了怎么补办");

        var fromA = await PostAsync(http, nodeA, push);
        var fromB = await PostAsync(http, nodeB, push);

        // Node A answers passively, or through the message API when its turn missed WeChat's deadline.
        int Answers() => new[] { fromA, fromB }.Count(r => r.Contains("社会保障卡", StringComparison.Ordinal)) + api.To(CustomSend).Count;
        await Eventually.TrueAsync(() => Task.FromResult(Answers() > 0), "nobody answered the push:\n" + nodeA.Log);
        Assert.Equal("success", fromB);
        Assert.Equal(1, Answers());
        Assert.Equal(2, await TurnCountAsync(database, $"{Plain.Name}:{user}"));
    }

    [RedisFact(withPostgres: true)]
    public async Task AStreamOnOneNodeCarriesWhatTheCitizenSaysOnTheOther()
    {
        using var deployment = new RedisDeployment();
        await using var database = PostgresDatabase.NotCreated();
        var nodes = await Task.WhenAll(ServiceProcess.StartAsync(Settings(deployment, database)), ServiceProcess.StartAsync(Settings(deployment, database)));
        await using var nodeA = nodes[0];
        await using var nodeB = nodes[1];
        using var httpA = new HttpClient { BaseAddress = new Uri(nodeA.BaseUrl) };
        var onA = await new DirectLineClient(httpA).StartAsync();
        using var socket = new ClientWebSocket();
        await socket.ConnectAsync(new Uri($"{nodeB.BaseUrl.Replace("http", "ws", StringComparison.Ordinal)}/v3/directline/conversations/{onA.ConversationId}/stream?watermark=0&t={onA.Token}"), CancellationToken.None);

        var backlog = await DirectLineClient.ReceiveAsync(socket);
        await onA.PostAsync("社保卡丢了怎么补办");
        var streamed = Activities(backlog).ToList();
        while (!streamed.Any(a => TextOf(a).Contains("社会保障卡", StringComparison.Ordinal)))
        {
            streamed.AddRange(Activities(await DirectLineClient.ReceiveAsync(socket)));
        }

        var (onNodeA, _) = await onA.AllActivitiesAsync();
        Assert.Equal(onNodeA.Select(Id), streamed.Select(Id).Distinct());
    }

    [RedisFact(withPostgres: true)]
    public async Task ACitizenResumesOnTheOtherNodeWithTheSameTokenAndWatermarkAfterANodeIsKilled()
    {
        using var deployment = new RedisDeployment();
        await using var database = PostgresDatabase.NotCreated();
        var nodes = await Task.WhenAll(ServiceProcess.StartAsync(Settings(deployment, database)), ServiceProcess.StartAsync(Settings(deployment, database)));
        await using var nodeA = nodes[0];
        await using var nodeB = nodes[1];
        using var httpA = new HttpClient { BaseAddress = new Uri(nodeA.BaseUrl) };
        using var httpB = new HttpClient { BaseAddress = new Uri(nodeB.BaseUrl) };
        var onA = await new DirectLineClient(httpA).StartAsync();
        var onB = new DirectLineClient(httpB) { Token = onA.Token, ConversationId = onA.ConversationId };

        // The load balancer sends one poll to node B, which then holds the conversation; the talk goes on at node A.
        await onA.PostAsync("社保卡丢了怎么补办");
        await onB.AllActivitiesAsync();
        await onA.PostAsync("公积金怎么提取");
        var (seen, watermark) = await onA.ActivitiesAsync();
        await nodeA.KillAsync();

        var (all, _) = await onB.AllActivitiesAsync();
        var (none, sameWatermark) = await onB.ActivitiesAsync(watermark);
        await onB.PostAsync("需要带什么材料");
        var (next, _) = await onB.ActivitiesAsync(watermark);

        Assert.Equal(seen.Select(Id), all.Select(Id));
        Assert.Contains(all, a => TextOf(a).Contains("公积金", StringComparison.Ordinal) && Role(a) == "bot");
        Assert.Empty(none);
        Assert.Equal(watermark, sameWatermark);
        Assert.Equal("需要带什么材料", TextOf(next[0]));
        Assert.Contains(next, a => Role(a) == "bot" && TextOf(a).Length > 0);
        var numbers = seen.Concat(next).Select(a => int.Parse(Id(a).Split('|')[1], CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(Enumerable.Range(0, numbers.Count), numbers);
    }

    // The handoff across two real processes (issue 13's proof): the citizen on node A, the agent on node B; both ways;
    // node A killed mid-conversation; the citizen goes on at node B with the same token, the agent sees nothing change.
    [RedisFact(withPostgres: true)]
    public async Task AnAgentOnOneNodeServesACitizenOfTheOtherAndGoesOnWhenTheCitizensNodeIsKilled()
    {
        using var deployment = new RedisDeployment();
        await using var database = PostgresDatabase.NotCreated();

        // A Friday at 10:00 Beijing time, so the department is open whatever the machine's clock says.
        var settings = new Dictionary<string, string>(Settings(deployment, database)) { ["Testing:ClockStart"] = "2026-11-27T10:00:00+08:00" };
        var nodes = await Task.WhenAll(ServiceProcess.StartAsync(settings), ServiceProcess.StartAsync(settings));
        await using var nodeA = nodes[0];
        await using var nodeB = nodes[1];
        using var agent = await SignedInAsync(nodeB, "gjj01");
        using var supervisor = await SignedInAsync(nodeA, "banzhang");
        using var httpA = new HttpClient { BaseAddress = new Uri(nodeA.BaseUrl) };
        using var httpB = new HttpClient { BaseAddress = new Uri(nodeB.BaseUrl) };

        // Two agents on two nodes race for a first citizen: one wins, the other is told it was taken.
        await HandedOffAsync(new DirectLineClient(httpA));
        var raced = await WaitingAsync(agent);
        Assert.Equal(raced, await WaitingAsync(supervisor));
        var race = await Task.WhenAll(agent.PostAsync($"/api/agent/conversations/{raced}/accept", null), supervisor.PostAsync($"/api/agent/conversations/{raced}/accept", null));
        Assert.Equal([HttpStatusCode.NoContent, HttpStatusCode.Conflict], race.Select(r => r.StatusCode).Order());
        var winner = race[0].StatusCode == HttpStatusCode.NoContent ? agent : supervisor;
        (await winner.PostAsJsonAsync($"/api/agent/conversations/{raced}/close", new { outcome = "Resolved" })).EnsureSuccessStatusCode();

        // The citizen of the test: queued on node A, listed and accepted on node B.
        var onA = await HandedOffAsync(new DirectLineClient(httpA));
        var id = await WaitingAsync(agent);
        Assert.Equal(HttpStatusCode.NoContent, (await agent.PostAsync($"/api/agent/conversations/{id}/accept", null)).StatusCode);
        (await agent.PostAsJsonAsync($"/api/agent/conversations/{id}/messages", new { text = "您好，我是公积金中心的王敏，请讲。" })).EnsureSuccessStatusCode();
        await Eventually.TrueAsync(async () => (await onA.AllActivitiesAsync()).Activities.Any(a => TextOf(a) == "您好，我是公积金中心的王敏，请讲。"), "the agent's message on node B never reached the citizen on node A");
        await onA.PostAsync("我想问提取要带什么材料");
        await Eventually.TrueAsync(() => AgentSeesAsync(agent, id, "我想问提取要带什么材料"), "the citizen's message on node A never reached the agent on node B");
        var (seen, watermark) = await onA.ActivitiesAsync();

        await nodeA.KillAsync();

        // The citizen's page reconnects through the load balancer to node B: everything so far, then on from the watermark.
        var onB = new DirectLineClient(httpB) { Token = onA.Token, ConversationId = onA.ConversationId };
        var (all, _) = await onB.AllActivitiesAsync();
        Assert.Equal(seen.Select(Id), all.Select(Id));
        await onB.PostAsync("还要带身份证原件吗");
        await Eventually.TrueAsync(() => AgentSeesAsync(agent, id, "还要带身份证原件吗"), "after node A died, the citizen's message through node B never reached the agent");
        (await agent.PostAsJsonAsync($"/api/agent/conversations/{id}/messages", new { text = "要的，请带身份证原件。" })).EnsureSuccessStatusCode();
        await Eventually.TrueAsync(async () => (await onB.ActivitiesAsync(watermark)).Activities.Any(a => TextOf(a) == "要的，请带身份证原件。"), "the agent's reply never reached the citizen on node B");

        // The agent's side never changed: the conversation is still theirs, and the bot never answered in between.
        Assert.Equal(id, await MineAsync(agent));
        var (after, _) = await onB.ActivitiesAsync(watermark);
        Assert.DoesNotContain(after, a => Role(a) == "bot" && TextOf(a).Contains("材料", StringComparison.Ordinal) && TextOf(a) != "要的，请带身份证原件。");
    }

    /// <summary>What every node of a two-process deployment is started with: one PostgreSQL database, one Redis, shared folders.</summary>
    internal static Dictionary<string, string> Settings(RedisDeployment deployment, PostgresDatabase database) => new()
    {
        ["Storage:Provider"] = "Postgres",
        ["ConnectionStrings:Xiaoshen"] = database.ConnectionString,
        ["Redis:Configuration"] = RedisFactAttribute.Configuration,
        ["Redis:KeyPrefix"] = deployment.KeyPrefix,
        ["DirectLine:Secret"] = DirectLineClient.Secret,
        ["Attachments:UploadPath"] = deployment.Uploads,
        ["PreReview:StoragePath"] = deployment.Photos,
        ["Handoff:Assignment"] = "Pick",
    };

    private static async Task<DirectLineClient> HandedOffAsync(DirectLineClient citizen)
    {
        await citizen.StartAsync();
        await citizen.PostAsync("退休了公积金怎么取");
        await citizen.PostAsync("转人工");
        return citizen;
    }

    private static async Task<HttpClient> SignedInAsync(ServiceProcess node, string userName)
    {
        var client = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer() }) { BaseAddress = new Uri(node.BaseUrl) };
        using var response = await TestAccounts.SignInAsync(client, userName, TestAccounts.DemoPassword);
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        return client;
    }

    private static async Task<Guid> WaitingAsync(HttpClient agent)
    {
        await Eventually.TrueAsync(async () => (await QueueAsync(agent)).GetProperty("waiting").GetArrayLength() > 0, "nothing reached the agent's queue");
        return (await QueueAsync(agent)).GetProperty("waiting")[0].GetProperty("conversationId").GetGuid();
    }

    private static async Task<Guid> MineAsync(HttpClient agent) =>
        (await QueueAsync(agent)).GetProperty("mine").EnumerateArray().Single().GetProperty("conversationId").GetGuid();

    private static Task<JsonElement> QueueAsync(HttpClient agent) => agent.GetFromJsonAsync<JsonElement>("/api/agent/queue");

    private static async Task<bool> AgentSeesAsync(HttpClient agent, Guid id, string text) =>
        (await agent.GetFromJsonAsync<JsonElement>($"/api/agent/conversations/{id}/turns?after=0")).EnumerateArray().Any(t => t.GetProperty("text").GetString() == text);

    private static IEnumerable<JsonElement> Activities(JsonElement set) => set.GetProperty("activities").EnumerateArray();

    private static string Id(JsonElement activity) => activity.GetProperty("id").GetString()!;

    private static string TextOf(JsonElement activity) => activity.TryGetProperty("text", out var text) ? text.GetString() ?? string.Empty : string.Empty;

    private static string Role(JsonElement activity) =>
        activity.TryGetProperty("from", out var from) && from.TryGetProperty("role", out var role) ? role.GetString() ?? string.Empty : string.Empty;

    private static async Task<string> PostAsync(HttpClient http, ServiceProcess node, string xml)
    {
        var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var nonce = Random.Shared.Next(100_000_000, int.MaxValue).ToString(CultureInfo.InvariantCulture);
        using var response = await http.PostAsync($"{node.BaseUrl}/api/wechat/{Plain.Name}?{UrlQuery(Plain, timestamp, nonce)}", new StringContent(xml, Encoding.UTF8, "text/xml"));
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadAsStringAsync();
    }

    private static async Task<long> TurnCountAsync(PostgresDatabase database, string channelConversationId)
    {
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            """SELECT count(*) FROM "Turns" t JOIN "Conversations" c ON c."Id" = t."ConversationId" WHERE c."ChannelConversationId" = @id""", connection);
        command.Parameters.AddWithValue("id", channelConversationId);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
