using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Xiaoshen.Bot.Attachments;
using Xiaoshen.Bot.Storage;
using Xiaoshen.Tests.Api;
using Xiaoshen.Tests.Storage;

namespace Xiaoshen.Tests.Cluster;

/// <summary>
/// issue 13: the upload quotas are counted in the database, so a citizen who alternates nodes gets no more than on one
/// node. Two in-process hosts on one SQLite file or one PostgreSQL database, the shared upload folder of a
/// <see cref="RedisDeployment"/>, a quota of a few files per client address per day, at 10:00 Beijing time.
/// </summary>
public sealed class UploadQuotaNodesTests
{
    private const string Address = "203.0.113.7";
    private const string OtherAddress = "198.51.100.9";
    private const string DailyRefusal = "今天发送的文件已经达到上限";

    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 26, 10, 0, 0, TimeSpan.FromHours(8)));

    [RedisFact]
    public async Task AThirdFileFromOneAddressIsRefusedOnEitherNodeOnSqlite()
    {
        using var deployment = new RedisDeployment();
        using var nodeA = Node(deployment.Join(new BotApiFactory()), filesPerAddress: 2);
        using var nodeB = Node(deployment.Join(BotApiFactory.On(nodeA.Content)), filesPerAddress: 2);

        await AssertThirdFileRefusedAsync(nodeA, nodeB);
    }

    [RedisFact(withPostgres: true)]
    public async Task AThirdFileFromOneAddressIsRefusedOnEitherNodeOnPostgres()
    {
        using var deployment = new RedisDeployment();
        await using var database = await PostgresDatabase.CreateAsync();
        using var nodeA = Node(deployment.Join(database.Host()), filesPerAddress: 2);
        using var nodeB = Node(deployment.Join(database.Host(nodeA.Content)), filesPerAddress: 2);

        await AssertThirdFileRefusedAsync(nodeA, nodeB);
    }

    [RedisFact]
    public async Task OfFilesSentAtOnceThroughBothNodesOnlyTheQuotaIsKeptOnSqlite()
    {
        using var deployment = new RedisDeployment();
        using var nodeA = Node(deployment.Join(new BotApiFactory()), filesPerAddress: 3);
        using var nodeB = Node(deployment.Join(BotApiFactory.On(nodeA.Content)), filesPerAddress: 3);

        await AssertOnlyTheQuotaKeptAsync(nodeA, nodeB);
    }

    [RedisFact(withPostgres: true)]
    public async Task OfFilesSentAtOnceThroughBothNodesOnlyTheQuotaIsKeptOnPostgres()
    {
        using var deployment = new RedisDeployment();
        await using var database = await PostgresDatabase.CreateAsync();
        using var nodeA = Node(deployment.Join(database.Host()), filesPerAddress: 3);
        using var nodeB = Node(deployment.Join(database.Host(nodeA.Content)), filesPerAddress: 3);

        await AssertOnlyTheQuotaKeptAsync(nodeA, nodeB);
    }

    [RedisFact]
    public async Task AFailedUploadFreesItsPlaceOnEveryNode()
    {
        using var deployment = new RedisDeployment();
        using var nodeA = Node(deployment.Join(new BotApiFactory()), filesPerAddress: 1);
        using var nodeB = Node(deployment.Join(BotApiFactory.On(nodeA.Content)), filesPerAddress: 1);
        var client = await StartAsync(nodeA, Address);

        // The conversation's folder cannot be made (a file is in its way): the write fails after the place was reserved.
        Directory.CreateDirectory(deployment.Uploads);
        var inTheWay = Path.Combine(deployment.Uploads, client.ConversationId);
        await File.WriteAllTextAsync(inTheWay, string.Empty);
        using (var failed = await DirectLineUploadTests.UploadAsync(client, [("image/png", "1.png", DirectLineUploadTests.PngBytes)]))
        {
            Assert.False(failed.IsSuccessStatusCode);
        }

        File.Delete(inTheWay);

        Assert.True(Kept(await SendAsync(await StartAsync(nodeB, Address), "2.png")));
        Assert.Contains(await SendAsync(await StartAsync(nodeA, Address), "3.png"), a => Says(a, DailyRefusal));
    }

    [RedisFact]
    public async Task AReservationLeftByANodeThatStoppedMidUploadCountsOnlyUntilItIsStale()
    {
        using var deployment = new RedisDeployment();
        using var content = new TestKnowledgeBase();
        var nodeA = Node(deployment.Join(BotApiFactory.On(content)), filesPerAddress: 1);
        var conversation = (await StartAsync(nodeA, Address)).ConversationId;
        var (_, reserved) = await nodeA.Services.GetRequiredService<UploadQuota>()
            .TryReserveAsync(conversation, "image/png", DirectLineUploadTests.PngBytes.Length, Address, "dl_person", CancellationToken.None);
        Assert.NotNull(reserved);
        nodeA.Dispose();
        using var nodeB = Node(deployment.Join(BotApiFactory.On(content)), filesPerAddress: 1);

        Assert.Contains(await SendAsync(await StartAsync(nodeB, Address), "1.png"), a => Says(a, DailyRefusal));
        _clock.Advance(TimeSpan.FromMinutes(31));
        Assert.True(Kept(await SendAsync(await StartAsync(nodeB, Address), "2.png")));

        // Retention deletes the stale reservation; the kept upload stays.
        await nodeB.Services.GetRequiredService<AttachmentStore>().DeleteOlderThanAsync(_clock.GetUtcNow().AddDays(-180), CancellationToken.None);
        await using var scope = nodeB.Services.CreateAsyncScope();
        var left = await scope.ServiceProvider.GetRequiredService<XiaoshenDbContext>().Uploads.AsNoTracking().ToListAsync();
        Assert.Equal(UploadState.Kept, Assert.Single(left).State);
    }

    // Eight files at once from one address, half through each node, with room for three.
    private static async Task AssertOnlyTheQuotaKeptAsync(BotApiFactory nodeA, BotApiFactory nodeB)
    {
        var clients = new List<DirectLineClient>();
        for (var i = 0; i < 8; i++)
        {
            clients.Add(await StartAsync(i % 2 == 0 ? nodeA : nodeB, Address));
        }

        var sent = await Task.WhenAll(clients.Select((client, i) => SendAsync(client, $"{i}.png")));

        Assert.Equal(3, sent.Count(Kept));
        Assert.Equal(5, sent.Count(activities => activities.Any(a => Says(a, DailyRefusal))));
    }

    private static async Task AssertThirdFileRefusedAsync(BotApiFactory nodeA, BotApiFactory nodeB)
    {
        Assert.True(Kept(await SendAsync(await StartAsync(nodeA, Address), "1.png")));
        Assert.True(Kept(await SendAsync(await StartAsync(nodeB, Address), "2.png")));

        Assert.Contains(await SendAsync(await StartAsync(nodeA, Address), "3.png"), a => Says(a, "3.png") && Says(a, DailyRefusal));
        Assert.Contains(await SendAsync(await StartAsync(nodeB, Address), "4.png"), a => Says(a, "4.png") && Says(a, DailyRefusal));

        // The count is the address's own: another client is not held back by it.
        Assert.True(Kept(await SendAsync(await StartAsync(nodeB, OtherAddress), "5.png")));
    }

    // A new conversation for each file, so the conversation's own quota is never what refuses it.
    private static Task<DirectLineClient> StartAsync(BotApiFactory node, string address)
    {
        var http = node.CreateClient();
        http.DefaultRequestHeaders.Add(RemoteAddressFilter.Header, address);
        return new DirectLineClient(http).StartAsync();
    }

    private static async Task<List<JsonElement>> SendAsync(DirectLineClient client, string name)
    {
        using var upload = await DirectLineUploadTests.UploadAsync(client, [("image/png", name, DirectLineUploadTests.PngBytes)]);
        Assert.Equal(HttpStatusCode.OK, upload.StatusCode);
        var (activities, _) = await client.ActivitiesAsync();
        return activities;
    }

    private static bool Kept(List<JsonElement> activities) =>
        activities.Any(a => a.TryGetProperty("attachments", out var files) && files.GetArrayLength() > 0);

    private static bool Says(JsonElement activity, string text) =>
        activity.TryGetProperty("text", out var said) && said.GetString() is { } s && s.Contains(text, StringComparison.Ordinal);

    private BotApiFactory Node(BotApiFactory host, int filesPerAddress) =>
        DirectLineClient.Configure(host)
            .WithSetting("Attachments:MaxUploadsPerAddressPerDay", filesPerAddress.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .WithRemoteAddresses()
            .WithServices(s => s.AddSingleton<TimeProvider>(_clock));
}
