namespace Xiaoshen.Bot.LiveHelp;

/// <summary>What the agent's browser needs to place a call it started.</summary>
public sealed record CallStart(Guid CallId, bool Video, IReadOnlyList<IceServer> IceServers, bool RelayOnly);
