using Microsoft.Extensions.Options;
using StackExchange.Redis;
using Xiaoshen.Bot.Cluster;
using Xiaoshen.Tests.Api;

namespace Xiaoshen.Tests.Cluster;

/// <summary>
/// One deployment's share of the Redis server of <see cref="RedisFactAttribute"/>: a key prefix of its own, so tests do
/// not see each other's keys; its keys are deleted on dispose. Each <see cref="Node"/> is a connection of its own, as a
/// separate process would have.
/// </summary>
internal sealed class RedisDeployment : IDisposable
{
    private readonly List<RedisStore> _nodes = [];

    public string KeyPrefix { get; } = "xiaoshen-test-" + Guid.NewGuid().ToString("N")[..12] + ":";

    /// <summary>The deployment's shared upload folder (several nodes refuse a folder of their own); deleted on dispose.</summary>
    public string Uploads { get; } = Path.Combine(Path.GetTempPath(), "xiaoshen-uploads-" + Guid.NewGuid().ToString("N")[..12]);

    /// <summary>The folder every node keeps pre-review photos in (shared, as an operator must set it).</summary>
    public string Photos { get; } = Path.Combine(Path.GetTempPath(), "xiaoshen-prereview-" + Guid.NewGuid().ToString("N")[..12]);

    /// <summary>The certificate that encrypts the deployment's key ring in Redis (several nodes refuse to keep it in clear in Production).</summary>
    public string KeyRingCertificate { get; } = TestCertificates.WritePfx(Path.Combine(Path.GetTempPath(), "xiaoshen-keyring-" + Guid.NewGuid().ToString("N")[..12]), KeyRingPassword);

    private const string KeyRingPassword = "key-ring-test-password";

    /// <summary>A new connection under this deployment's prefix.</summary>
    public RedisStore Node()
    {
        var store = new RedisStore(Options.Create(new RedisOptions { Configuration = RedisFactAttribute.Configuration, KeyPrefix = KeyPrefix }));
        _nodes.Add(store);
        return store;
    }

    /// <summary>Points a web host at this deployment's Redis.</summary>
    public BotApiFactory Join(BotApiFactory host) =>
        host.WithSetting("Redis:Configuration", RedisFactAttribute.Configuration)
            .WithSetting("Redis:KeyPrefix", KeyPrefix)
            .WithSetting("DirectLine:Secret", "test-deployment-secret-" + KeyPrefix)
            .WithSetting("Attachments:UploadPath", Uploads)
            .WithSetting("PreReview:StoragePath", Photos)
            .WithSetting("DataProtection:CertificatePath", KeyRingCertificate)
            .WithSetting("DataProtection:CertificatePassword", KeyRingPassword)
            .WithSetting("Handoff:Assignment", "Pick");

    /// <summary>Points a WeChat test host at this deployment's Redis.</summary>
    public Channels.WeChat.WeChatHost Join(Channels.WeChat.WeChatHost host) =>
        host.With("Redis:Configuration", RedisFactAttribute.Configuration)
            .With("Redis:KeyPrefix", KeyPrefix)
            .With("DirectLine:Secret", "test-deployment-secret-" + KeyPrefix)
            .With("Attachments:UploadPath", Uploads)
            .With("PreReview:StoragePath", Photos)
            .With("DataProtection:CertificatePath", KeyRingCertificate)
            .With("DataProtection:CertificatePassword", KeyRingPassword)
            .With("Handoff:Assignment", "Pick");

    /// <summary>
    /// A connection for looking at the keys of the test Redis from outside a node. A test run keeps both cores and the
    /// server busy (two service processes, PostgreSQL, Chromium), so a scan of the whole key space is given more time than
    /// a node's five seconds for one command.
    /// </summary>
    public static ConnectionMultiplexer Inspector() =>
        ConnectionMultiplexer.Connect(RedisFactAttribute.Configuration + ",allowAdmin=true,syncTimeout=60000,asyncTimeout=60000");

    /// <summary>The keys under <paramref name="prefix"/>, read in large pages (one SCAN walks the whole key space).</summary>
    public static List<RedisKey> KeysOf(ConnectionMultiplexer connection, string prefix) =>
        connection.GetServers().SelectMany(s => s.Keys(pattern: prefix + "*", pageSize: 1000)).ToList();

    public void Dispose()
    {
        foreach (var folder in new[] { Uploads, Photos, Path.GetDirectoryName(KeyRingCertificate)! }.Where(Directory.Exists))
        {
            Directory.Delete(folder, recursive: true);
        }

        using var cleaner = Inspector();
        var database = cleaner.GetDatabase();
        foreach (var key in KeysOf(cleaner, KeyPrefix))
        {
            database.KeyDelete(key);
        }

        foreach (var node in _nodes)
        {
            node.Dispose();
        }
    }
}
