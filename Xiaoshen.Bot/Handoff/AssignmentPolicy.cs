namespace Xiaoshen.Bot.Handoff;

/// <summary>What assignment needs to know about one human agent at one moment.</summary>
public sealed record HumanAgentSnapshot(string Id, IReadOnlyList<string> Groups, bool Online, int ActiveChats, int MaxActiveChats, DateTimeOffset? LastAssignedAt);

/// <summary>
/// Who gets a waiting conversation (after Chatwoot's AgentAssignmentService): online agents of the group, below their
/// chat limit, least busy first, ties to the one assigned least recently. Pure.
/// </summary>
public static class AssignmentPolicy
{
    public static string? Choose(IEnumerable<HumanAgentSnapshot> agents, string group) =>
        agents.Where(a => a.Online && a.ActiveChats < a.MaxActiveChats && a.Groups.Contains(group, StringComparer.Ordinal))
            .OrderBy(a => a.ActiveChats)
            .ThenBy(a => a.LastAssignedAt ?? DateTimeOffset.MinValue)
            .ThenBy(a => a.Id, StringComparer.Ordinal)
            .Select(a => a.Id)
            .FirstOrDefault();
}
