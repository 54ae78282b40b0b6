using System.ComponentModel.DataAnnotations;

namespace Xiaoshen.Bot.Cluster;

/// <summary>
/// Redis, shared by the nodes of one deployment: agents' presence, the change feed, WeChat de-duplication and access
/// tokens, the Data Protection key ring, and the counts of rate limits, sign-in lockouts and open streams. Empty <see cref="Configuration"/> means one node: all of it stays in memory
/// (and the key ring in the data folder).
/// </summary>
public sealed class RedisOptions
{
    public const string SectionName = "Redis";

    /// <summary>A StackExchange.Redis configuration string, e.g. <c>redis1:6379,password=…,ssl=true</c>; a secret when it holds a password.</summary>
    public string Configuration { get; set; } = string.Empty;

    /// <summary>Put before every key and channel name, so several deployments (or tests) can share one server.</summary>
    [Required]
    [RegularExpression(@"^[A-Za-z0-9_.:\-]{1,64}$")]
    public string KeyPrefix { get; set; } = "xiaoshen:";

    /// <summary>True when Redis is configured, i.e. several nodes may run.</summary>
    public bool IsConfigured => !string.IsNullOrWhiteSpace(Configuration);
}
