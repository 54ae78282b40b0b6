using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.Options;

namespace Xiaoshen.Bot.Hosting;

/// <summary>
/// With a key certificate configured, revokes at start every Data Protection key that is stored in clear: a key written
/// before the certificate was first set. Data Protection still accepts what an expired key signed, so whoever copied such
/// a key (from <c>data/keys</c> or from Redis) could forge a console session for as long as it stays in the ring; revoked,
/// it is refused. The price is paid once: agents signed in with it sign in again, and a message being taken loses its
/// call-back number. A new key is made, encrypted with the certificate, at the next sign-in.
/// </summary>
internal sealed partial class ClearKeyRevocation(IKeyManager keys, IOptions<KeyManagementOptions> management, ILogger<ClearKeyRevocation> logger) : IHostedService
{
    public const string Reason = "Stored in clear before DataProtection:CertificatePath was set";

    public Task StartAsync(CancellationToken cancellationToken)
    {
        var inClear = ClearKeyIds(management.Value.XmlRepository?.GetAllElements() ?? []);
        var revoked = 0;
        foreach (var key in keys.GetAllKeys().Where(k => !k.IsRevoked && inClear.Contains(k.KeyId)))
        {
            keys.RevokeKey(key.KeyId, Reason);
            revoked++;
        }

        if (revoked > 0)
        {
            LogRevoked(revoked);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>The ids of the stored keys whose secret is not an encrypted secret (a master key in clear).</summary>
    internal static HashSet<Guid> ClearKeyIds(IEnumerable<XElement> stored) =>
        stored.Where(e => e.Name.LocalName == "key" && !e.Descendants().Any(d => d.Name.LocalName == "encryptedSecret"))
            .Select(e => Guid.TryParse((string?)e.Attribute("id"), out var id) ? id : Guid.Empty)
            .Where(id => id != Guid.Empty)
            .ToHashSet();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Revoked {Count} Data Protection key(s) stored in clear before DataProtection:CertificatePath was set: whoever copied them could otherwise forge a console session. Agents signed in with them sign in again, and a message being taken loses its call-back number; new keys are encrypted with the certificate.")]
    private partial void LogRevoked(int count);
}
