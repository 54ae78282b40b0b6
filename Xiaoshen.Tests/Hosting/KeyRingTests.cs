using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Xiaoshen.Bot.Hosting;
using Xiaoshen.Tests.Api;

namespace Xiaoshen.Tests.Hosting;

/// <summary>The key ring that signs console sign-ins, encrypted at rest with the operator's certificate.</summary>
public sealed class KeyRingTests : IDisposable
{
    private const string Password = "pfx-password-of-the-test";
    private static readonly WebApplicationFactoryClientOptions NoCookies = new() { HandleCookies = false };
    private readonly TestKnowledgeBase _content = new();

    public void Dispose() => _content.Dispose();

    [Theory]
    [InlineData("pfx")]
    [InlineData("pem")]
    public async Task WithACertificateTheStoredKeysAreUnreadableWithoutItAndASignInOutlivesARestart(string format)
    {
        var secrets = Path.Combine(_content.Root, "secrets");
        var certificate = format == "pfx" ? TestCertificates.WritePfx(secrets, Password) : TestCertificates.WritePem(secrets);
        string cookie;
        using (var first = Encrypted(BotApiFactory.On(_content), certificate))
        {
            cookie = await SignInAsync(first);
        }

        // On disk the key is an encrypted secret; before, its master key was there in clear (<value>…</value>).
        var keys = Directory.GetFiles(Path.Combine(_content.Root, "data", "keys"), "*.xml").Select(File.ReadAllText).ToList();
        Assert.NotEmpty(keys);
        Assert.All(keys, key =>
        {
            Assert.Contains("EncryptedData", key, StringComparison.Ordinal);
            Assert.DoesNotContain("<value>", key, StringComparison.Ordinal);
        });

        using (var restarted = Encrypted(BotApiFactory.On(_content), certificate))
        {
            Assert.Equal(HttpStatusCode.OK, await QueueStatusAsync(restarted, cookie));
        }

        using var withoutCertificate = BotApiFactory.On(_content);
        Assert.Equal(HttpStatusCode.Unauthorized, await QueueStatusAsync(withoutCertificate, cookie));
    }

    [Fact]
    public async Task AfterARotationThePreviousCertificateStillReadsTheKeysSoSignInsStayValid()
    {
        var secrets = Path.Combine(_content.Root, "secrets");
        var (old, replacement) = (TestCertificates.WritePfx(secrets, Password), TestCertificates.WritePfx(secrets, Password));
        string cookie;
        using (var first = Encrypted(BotApiFactory.On(_content), old))
        {
            cookie = await SignInAsync(first);
        }

        using (var rotated = Encrypted(BotApiFactory.On(_content), replacement)
            .WithSetting("DataProtection:PreviousCertificatePath", old).WithSetting("DataProtection:PreviousCertificatePassword", Password))
        {
            Assert.Equal(HttpStatusCode.OK, await QueueStatusAsync(rotated, cookie));
        }

        // Without the previous certificate the keys written before the rotation cannot be read: everyone signs in again.
        using var forgotten = Encrypted(BotApiFactory.On(_content), replacement);
        Assert.Equal(HttpStatusCode.Unauthorized, await QueueStatusAsync(forgotten, cookie));
    }

    [Fact]
    public async Task KeysWrittenInClearBeforeTheCertificateWasSetAreRevokedSoTheirSignInsNoLongerOpenTheConsole()
    {
        string cookie;
        using (var inClear = BotApiFactory.On(_content))
        {
            cookie = await SignInAsync(inClear);
        }

        var certificate = TestCertificates.WritePfx(Path.Combine(_content.Root, "secrets"), Password);
        string again;
        using (var encrypted = Encrypted(BotApiFactory.On(_content), certificate))
        {
            // A cookie signed with the clear key (or forged by whoever copied it) is refused; signing in again works, on
            // a new key that is stored encrypted.
            Assert.Equal(HttpStatusCode.Unauthorized, await QueueStatusAsync(encrypted, cookie));
            again = await SignInAsync(encrypted);
            Assert.Equal(HttpStatusCode.OK, await QueueStatusAsync(encrypted, again));
        }

        var stored = Directory.GetFiles(Path.Combine(_content.Root, "data", "keys"), "*.xml").Select(File.ReadAllText).ToList();
        Assert.Single(stored, xml => xml.Contains("<revocation", StringComparison.Ordinal) && xml.Contains(ClearKeyRevocation.Reason, StringComparison.Ordinal));
        Assert.Single(stored, xml => xml.Contains("EncryptedData", StringComparison.Ordinal));

        // The next start finds nothing more to revoke, and the new sign-in outlives it.
        using var restarted = Encrypted(BotApiFactory.On(_content), certificate);
        Assert.Equal(HttpStatusCode.Unauthorized, await QueueStatusAsync(restarted, cookie));
        Assert.Equal(HttpStatusCode.OK, await QueueStatusAsync(restarted, again));
        Assert.Single(Directory.GetFiles(Path.Combine(_content.Root, "data", "keys"), "revocation-*.xml"));
    }

    [Fact]
    public void AKeyCertificateThatCannotBeReadRefusesTheStartSayingWhy()
    {
        var notACertificate = Path.Combine(_content.Root, "key-ring.pem");
        File.WriteAllText(notACertificate, "this is not a certificate");
        using var factory = BotApiFactory.On(_content).WithSetting("DataProtection:CertificatePath", notACertificate);

        var refused = Assert.ThrowsAny<Exception>(() => factory.CreateClient());

        Assert.Contains($"DataProtection:CertificatePath ({notACertificate}) cannot be read as a certificate with its private key", refused.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void APreviousCertificateWithoutACurrentOneRefusesTheStart()
    {
        var old = TestCertificates.WritePfx(Path.Combine(_content.Root, "secrets"), Password);
        using var factory = BotApiFactory.On(_content).WithSetting("DataProtection:PreviousCertificatePath", old);

        var refused = Assert.ThrowsAny<Exception>(() => factory.CreateClient());

        Assert.Contains("DataProtection:PreviousCertificatePath is set without DataProtection:CertificatePath", refused.ToString(), StringComparison.Ordinal);
    }

    // A PEM key here is not encrypted, so it comes without a password.
    private static BotApiFactory Encrypted(BotApiFactory host, string certificate) =>
        host.WithSetting("DataProtection:CertificatePath", certificate).WithSetting("DataProtection:CertificatePassword", certificate.EndsWith(".pfx", StringComparison.Ordinal) ? Password : null);

    // An agent's console cookie, signed with the host's key ring.
    private static async Task<string> SignInAsync(BotApiFactory host)
    {
        using var signIn = await host.CreateClient(NoCookies).PostAsJsonAsync("/api/agent/sign-in", new { userName = "rsj01", password = AgentApi.DemoPassword });
        Assert.Equal(HttpStatusCode.NoContent, signIn.StatusCode);
        return signIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("xiaoshen.console=", StringComparison.Ordinal)).Split(';')[0];
    }

    private static async Task<HttpStatusCode> QueueStatusAsync(BotApiFactory host, string cookie)
    {
        using var queue = new HttpRequestMessage(HttpMethod.Get, "/api/agent/queue");
        queue.Headers.Add("Cookie", cookie);
        using var response = await host.CreateClient(NoCookies).SendAsync(queue);
        return response.StatusCode;
    }
}
