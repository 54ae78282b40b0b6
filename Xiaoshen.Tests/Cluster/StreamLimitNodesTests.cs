using System.Net;
using System.Net.WebSockets;
using Xiaoshen.Tests.Api;
using Xiaoshen.Tests.Storage;

namespace Xiaoshen.Tests.Cluster;

/// <summary>
/// issue 13: the WebSocket stream limits (per conversation, per client address) count the streams open on all nodes,
/// so a load balancer without affinity does not give a client the limit once per node. Two real service processes on one
/// PostgreSQL database and one Redis; the refusal is the same 429 as on one node.
/// </summary>
public sealed class StreamLimitNodesTests : IAsyncLifetime
{
    private readonly RedisDeployment _deployment = new();
    private readonly List<ServiceProcess> _nodes = [];
    private PostgresDatabase? _database;

    [RedisFact(withPostgres: true)]
    public async Task AConversationsStreamsOnTwoNodesShareOneLimitAndClosingOneMakesRoom()
    {
        var (a, b) = await StartAsync();
        var citizen = await StartConversationAsync(a);

        using var first = await OpenAsync(a, citizen);
        using var second = await OpenAsync(a, citizen);
        using var thirdOnB = await OpenAsync(b, citizen);
        await first.CloseAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None);
        using var afterClose = await OpensAsync(b, citizen, "closing a stream on node A did not make room on node B:\n" + a.Log);

        Assert.Equal(WebSocketState.Open, second.State);
        Assert.Equal(HttpStatusCode.TooManyRequests, thirdOnB.HttpStatusCode);
    }

    [RedisFact(withPostgres: true)]
    public async Task StreamsFromOneAddressOnTwoNodesShareOneLimit()
    {
        var (a, b) = await StartAsync(("DirectLine:MaxStreamsPerAddress", "3"));
        var one = await StartConversationAsync(a);
        var other = await StartConversationAsync(b);

        using var first = await OpenAsync(a, one);
        using var second = await OpenAsync(b, one);
        using var third = await OpenAsync(a, other);
        using var fourth = await OpenAsync(b, other);

        Assert.All(new[] { first, second, third }, s => Assert.Equal(WebSocketState.Open, s.State));
        Assert.Equal(HttpStatusCode.TooManyRequests, fourth.HttpStatusCode);
    }

    [RedisFact(withPostgres: true)]
    public async Task TheStreamsOfAKilledNodeStopCountingAfterTheirLease()
    {
        var (a, b) = await StartAsync(("DirectLine:StreamLeaseSeconds", "3"));
        var citizen = await StartConversationAsync(a);
        using var first = await OpenAsync(a, citizen);
        using var second = await OpenAsync(a, citizen);
        using var refused = await OpenAsync(b, citizen);

        await a.KillAsync();
        using var afterLease = await OpensAsync(b, citizen, "the killed node's streams still count:\n" + b.Log);

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.HttpStatusCode);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var node in _nodes)
        {
            await node.DisposeAsync();
        }

        if (_database is not null)
        {
            await _database.DisposeAsync();
        }

        _deployment.Dispose();
    }

    // Two nodes on a new database and this test's Redis prefix, at most 2 streams per conversation; disposed with the test.
    private async Task<(ServiceProcess A, ServiceProcess B)> StartAsync(params (string Key, string Value)[] settings)
    {
        _database = PostgresDatabase.NotCreated();
        var all = new Dictionary<string, string>(TwoProcessTests.Settings(_deployment, _database)) { ["DirectLine:MaxStreamsPerConversation"] = "2" };
        foreach (var (key, value) in settings)
        {
            all[key] = value;
        }

        var nodes = await Task.WhenAll(ServiceProcess.StartAsync(all), ServiceProcess.StartAsync(all));
        _nodes.AddRange(nodes);
        return (nodes[0], nodes[1]);
    }

    private static async Task<DirectLineClient> StartConversationAsync(ServiceProcess node) =>
        await new DirectLineClient(new HttpClient { BaseAddress = new Uri(node.BaseUrl) }).StartAsync();

    // The node closes its side of a stream (and gives its place back) after the client's close: tries until a stream opens.
    private static async Task<ClientWebSocket> OpensAsync(ServiceProcess node, DirectLineClient citizen, string failure)
    {
        ClientWebSocket? socket = null;
        await Eventually.TrueAsync(
            async () =>
            {
                // Eventually asks once more after success: keep the stream that opened.
                if (socket?.State != WebSocketState.Open)
                {
                    socket?.Dispose();
                    socket = await OpenAsync(node, citizen);
                }

                return socket.State == WebSocketState.Open;
            },
            failure);
        return socket!;
    }

    // A refused stream is a socket that never opened, with the status the node answered.
    private static async Task<ClientWebSocket> OpenAsync(ServiceProcess node, DirectLineClient citizen)
    {
        var socket = new ClientWebSocket();
        socket.Options.CollectHttpResponseDetails = true;
        var url = $"{node.BaseUrl.Replace("http", "ws", StringComparison.Ordinal)}/v3/directline/conversations/{citizen.ConversationId}/stream?watermark=0&t={citizen.Token}";
        try
        {
            await socket.ConnectAsync(new Uri(url), CancellationToken.None);
        }
        catch (WebSocketException)
        {
            // refused: HttpStatusCode says why
        }

        return socket;
    }
}
