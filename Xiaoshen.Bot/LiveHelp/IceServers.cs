using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Xiaoshen.Bot.LiveHelp;

/// <summary>
/// The STUN/TURN servers given to the two browsers of a call. With <see cref="CallOptions.TurnSecret"/>, TURN servers get
/// credentials of the TURN REST API that coturn's <c>use-auth-secret</c> checks: the user name is the expiry (Unix seconds)
/// and a label, the password the Base64 HMAC-SHA1 of the user name under the shared secret. Singleton.
/// </summary>
public sealed class IceServers(IOptionsMonitor<CallOptions> options, TimeProvider time)
{
    /// <summary>The servers for one call; <paramref name="label"/> names it in the TURN server's log (no personal data).</summary>
    public IReadOnlyList<IceServer> For(string label)
    {
        var o = options.CurrentValue;
        return o.IceServers.Select(server =>
        {
            if (!server.IsTurn)
            {
                return new IceServer(server.Urls, null, null);
            }

            if (o.TurnSecret.Length == 0 || server.Username.Length > 0)
            {
                return new IceServer(server.Urls, server.Username, server.Credential);
            }

            var expires = time.GetUtcNow().AddMinutes(o.TurnCredentialMinutes).ToUnixTimeSeconds();
            var user = expires.ToString(CultureInfo.InvariantCulture) + ":" + label;
            var password = Convert.ToBase64String(HMACSHA1.HashData(Encoding.UTF8.GetBytes(o.TurnSecret), Encoding.UTF8.GetBytes(user)));
            return new IceServer(server.Urls, user, password);
        }).ToList();
    }
}
