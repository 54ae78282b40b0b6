using System.ComponentModel.DataAnnotations;

namespace Xiaoshen.Bot.Channels.DirectLine;

/// <summary>Xiaoshen's own Direct Line 3.0-compatible channel. Bound from <c>DirectLine</c>.</summary>
public sealed class DirectLineOptions
{
    public const string SectionName = "DirectLine";

    /// <summary>
    /// The Direct Line secret: only servers use it (to mint tokens); browsers get tokens. Empty means a secret generated
    /// once and kept in <see cref="SecretFile"/>, so tokens survive a restart; set one (user-secrets or
    /// DirectLine__Secret) when several nodes must accept each other's tokens.
    /// </summary>
    public string Secret { get; set; } = string.Empty;

    /// <summary>Where the generated secret is kept (readable by the service's user only), relative to the folder holding the content.</summary>
    [Required]
    public string SecretFile { get; set; } = Path.Combine("data", "directline.secret");

    [Range(1, 24 * 60)]
    public int TokenLifetimeMinutes { get; set; } = 30;

    /// <summary>Tokens are refreshed until the conversation is this old; then the page starts a new conversation.</summary>
    [Range(1, 30 * 24)]
    public int MaxConversationHours { get; set; } = 24;

    /// <summary>Activities kept in memory per conversation; older ones are read from the database.</summary>
    [Range(10, 10_000)]
    public int ActivitiesKept { get; set; } = 100;

    /// <summary>Characters of activity JSON kept in memory per conversation (the newest activity is always kept); also the most one response or stream message carries.</summary>
    [Range(32 * 1024, 16 * 1024 * 1024)]
    public int CharactersKept { get; set; } = 64 * 1024;

    /// <summary>Most activities in one GET response or one stream message; a client asks again from the returned watermark.</summary>
    [Range(1, 1000)]
    public int PageSize { get; set; } = 50;

    /// <summary>Conversations held in memory at once. Idle ones are dropped first; when none can be, new ones are refused (503).</summary>
    [Range(10, 1_000_000)]
    public int MaxConversationsInMemory { get; set; } = 10_000;

    /// <summary>A conversation without streams or requests for this long is dropped from memory (its log stays in the database).</summary>
    [Range(1, 24 * 60)]
    public int IdleMinutes { get; set; } = 20;

    /// <summary>Largest activity a client may post: a message of the longest text with a card; files go through upload.</summary>
    [Range(4 * 1024, 256 * 1024)]
    public int MaxActivityBytes { get; set; } = 32 * 1024;

    /// <summary>WebSocket streams open at once on one conversation (a person with several tabs), on all nodes together.</summary>
    [Range(1, 100)]
    public int MaxStreamsPerConversation { get; set; } = 8;

    /// <summary>WebSocket streams open at once from one client address (an IPv6 /64 counts as one), on all nodes together.</summary>
    [Range(1, 1_000_000)]
    public int MaxStreamsPerAddress { get; set; } = 200;

    /// <summary>
    /// With several nodes, how long an open stream counts toward those limits without being renewed; a node renews its
    /// streams every third of it, so the streams of a node killed without closing them stop counting after this.
    /// </summary>
    [Range(3, 3600)]
    public int StreamLeaseSeconds { get; set; } = 60;

    /// <summary>Activities one conversation may post per minute.</summary>
    [Range(1, 10_000)]
    public int PostsPerMinute { get; set; } = 30;

    /// <summary>Uploads one conversation may make per minute.</summary>
    [Range(1, 10_000)]
    public int UploadsPerMinute { get; set; } = 10;

    /// <summary>With several nodes, how often conversations with a stream open here look in the database for activities other nodes appended (in case a notice was lost).</summary>
    [Range(1, 3600)]
    public int CatchUpSeconds { get; set; } = 5;

    /// <summary>Token requests allowed per client address per minute on <c>/webchat/token</c> (after trusted proxies; a carrier NAT is one address).</summary>
    [Range(1, 100_000)]
    public int TokenRequestsPerMinute { get; set; } = 600;
}
