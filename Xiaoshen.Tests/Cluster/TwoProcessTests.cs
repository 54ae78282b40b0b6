using System.Globalization;
using System.Text;
using Npgsql;
using Xiaoshen.Tests.Channels.WeChat;
using Xiaoshen.Tests.Storage;
using static Xiaoshen.Tests.Channels.WeChat.WeChatHost;

namespace Xiaoshen.Tests.Cluster;

/// <summary>
/// Two real service processes on one PostgreSQL database and one Redis, started together on a database that does not
/// exist yet (issue 13): both start, and a WeChat push that reaches both (WeChat retries go wherever the load balancer
/// sends them) is answered once. WeChat's servers are faked at the HTTP edge.
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
        var settings = new Dictionary<string, string>
        {
            ["Storage:Provider"] = "Postgres",
            ["ConnectionStrings:Xiaoshen"] = database.ConnectionString,
            ["Redis:Configuration"] = RedisFactAttribute.Configuration,
            ["Redis:KeyPrefix"] = deployment.KeyPrefix,
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
