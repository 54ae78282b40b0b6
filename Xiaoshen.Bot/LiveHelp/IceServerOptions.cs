namespace Xiaoshen.Bot.LiveHelp;

/// <summary>One STUN or TURN server (<c>stun:host:3478</c>, <c>turn:host:3478?transport=udp</c>, <c>turns:host:5349</c>).</summary>
public sealed class IceServerOptions
{
    public string[] Urls { get; set; } = [];

    /// <summary>A TURN server's fixed user name; leave empty with <see cref="CallOptions.TurnSecret"/>.</summary>
    public string Username { get; set; } = string.Empty;

    /// <summary>A TURN server's fixed password (a secret: user-secrets or environment variables).</summary>
    public string Credential { get; set; } = string.Empty;

    public bool IsTurn => Urls.Any(u => u.StartsWith("turn", StringComparison.OrdinalIgnoreCase));
}
