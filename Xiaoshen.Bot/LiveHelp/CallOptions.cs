using System.ComponentModel.DataAnnotations;

namespace Xiaoshen.Bot.LiveHelp;

/// <summary>
/// Video and voice calls between a human agent and the person they serve in the web chat (issue 15): the STUN/TURN
/// servers browsers use to connect, and the texts that record a call. Browsers on different networks (behind NATs) need
/// a TURN server such as coturn; with none configured, calls connect only where both browsers can reach each other.
/// </summary>
public sealed class CallOptions : IValidatableObject
{
    public const string SectionName = "Calls";

    /// <summary>Lets agents start calls from the console.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>STUN and TURN servers given to both browsers (RTCIceServer).</summary>
    public List<IceServerOptions> IceServers { get; set; } = [];

    /// <summary>
    /// The shared secret of a TURN server in coturn's <c>use-auth-secret</c> mode: each call then gets short-lived
    /// credentials of its own, and no lasting password reaches a browser. Keep it out of appsettings.json.
    /// </summary>
    public string TurnSecret { get; set; } = string.Empty;

    /// <summary>How long credentials made with <see cref="TurnSecret"/> stay valid.</summary>
    [Range(5, 1440)]
    public int TurnCredentialMinutes { get; set; } = 120;

    /// <summary>Connect only through the TURN server, so neither side learns the other's network addresses.</summary>
    public bool RelayOnly { get; set; }

    /// <summary>How long an invitation rings before it counts as not answered.</summary>
    [Range(10, 300)]
    public int RingSeconds { get; set; } = 45;

    /// <summary>Longest signalling message (an SDP offer or answer) relayed, in characters.</summary>
    [Range(4096, 262144)]
    public int MaxSignalCharacters { get; set; } = 65536;

    [Required]
    public CallTexts Texts { get; set; } = new();

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var server in IceServers)
        {
            if (server.Urls.Length == 0 || server.Urls.Any(u => !u.StartsWith("stun:", StringComparison.OrdinalIgnoreCase) && !u.StartsWith("turn:", StringComparison.OrdinalIgnoreCase) && !u.StartsWith("turns:", StringComparison.OrdinalIgnoreCase)))
            {
                yield return new ValidationResult("Calls:IceServers: every server needs Urls that start with stun:, turn: or turns:.", [nameof(IceServers)]);
            }
            else if (server.IsTurn && string.IsNullOrEmpty(TurnSecret) && (string.IsNullOrEmpty(server.Username) || string.IsNullOrEmpty(server.Credential)))
            {
                yield return new ValidationResult($"Calls:IceServers: the TURN server {server.Urls[0]} needs Username and Credential, or set Calls:TurnSecret (coturn use-auth-secret).", [nameof(IceServers)]);
            }
        }

        if (RelayOnly && !IceServers.Any(s => s.IsTurn))
        {
            yield return new ValidationResult("Calls:RelayOnly needs a TURN server in Calls:IceServers.", [nameof(RelayOnly)]);
        }
    }
}
