using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Xiaoshen.Tests.Api;
using Xiaoshen.Tests.Storage;

namespace Xiaoshen.Tests.Cluster;

/// <summary>What several nodes must share to behave as one, and the refusal when they cannot (issue 13).</summary>
public sealed class SeveralNodesStartupTests
{
    [Fact]
    public void SeveralNodesWithoutADirectLineSecretRefuseToStart()
    {
        // No Redis needs to answer: the refusal comes before anything connects.
        using var factory = new BotApiFactory().WithSetting("Redis:Configuration", "127.0.0.1:1").WithSetting("DirectLine:Secret", string.Empty);

        var refused = Assert.ThrowsAny<Exception>(() => factory.CreateClient());

        Assert.Contains("DirectLine:Secret is not set but Redis:Configuration is", refused.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void SeveralNodesWithUploadsBesideEachNodesContentRefuseToStart()
    {
        using var factory = new BotApiFactory().WithSetting("Redis:Configuration", "127.0.0.1:1").WithSetting("DirectLine:Secret", "a-shared-secret-of-the-deployment")
            .WithSetting("Attachments:UploadPath", "data/uploads");

        var refused = Assert.ThrowsAny<Exception>(() => factory.CreateClient());

        Assert.Contains("Attachments:UploadPath is relative but Redis:Configuration is set", refused.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void SeveralNodesInProductionWithoutAKeyRingCertificateRefuseToStart()
    {
        // Their key ring is in Redis: whoever reads Redis could forge an administrator's console session.
        using var factory = new BotApiFactory().WithEnvironment("Production").WithSetting("Redis:Configuration", "127.0.0.1:1")
            .WithSetting("DirectLine:Secret", "a-shared-secret-of-the-deployment").WithSetting("Attachments:UploadPath", "/srv/xiaoshen/uploads")
            .WithSetting("PreReview:StoragePath", "/srv/xiaoshen/prereview");

        var refused = Assert.ThrowsAny<Exception>(() => factory.CreateClient());

        Assert.Contains("DataProtection:CertificatePath is not set but Redis:Configuration is", refused.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void AnUploadSettingStillUnderDirectLineIsRefusedWithItsNewName()
    {
        using var factory = new BotApiFactory().WithSetting("DirectLine:UploadPath", "/srv/xiaoshen/uploads");

        var refused = Assert.ThrowsAny<Exception>(() => factory.CreateClient());

        Assert.Contains("DirectLine:UploadPath -> Attachments:UploadPath", refused.ToString(), StringComparison.Ordinal);
    }

    [RedisFact(withPostgres: true)]
    public async Task AConsoleSignInOnOneNodeIsValidOnAnother()
    {
        using var deployment = new RedisDeployment();
        await using var database = await PostgresDatabase.CreateAsync();
        using var nodeA = deployment.Join(database.Host());
        using var nodeB = deployment.Join(database.Host());
        var noCookies = new WebApplicationFactoryClientOptions { HandleCookies = false };

        using var signIn = await nodeA.CreateClient(noCookies).PostAsJsonAsync("/api/agent/sign-in", new { userName = "rsj01", password = TestAccounts.DemoPassword });
        Assert.Equal(HttpStatusCode.NoContent, signIn.StatusCode);
        var cookie = signIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("xiaoshen.console=", StringComparison.Ordinal)).Split(';')[0];
        using var queue = new HttpRequestMessage(HttpMethod.Get, "/api/agent/queue");
        queue.Headers.Add("Cookie", cookie);
        using var onB = await nodeB.CreateClient(noCookies).SendAsync(queue);

        Assert.Equal(HttpStatusCode.OK, onB.StatusCode);

        // The shared ring is in Redis encrypted with the deployment's certificate, not in clear.
        var keys = await deployment.Node().Database.ListRangeAsync(deployment.KeyPrefix + "data-protection-keys");
        Assert.NotEmpty(keys);
        Assert.All(keys, key => Assert.Contains("EncryptedData", key.ToString(), StringComparison.Ordinal));
        Assert.All(keys, key => Assert.DoesNotContain("<value>", key.ToString(), StringComparison.Ordinal));
    }
}
