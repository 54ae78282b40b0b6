using Xiaoshen.Bot.Handoff;

namespace Xiaoshen.Bot.AgentConsole;

/// <summary>Agent groups as people know them: by the department they serve (上海市公积金管理中心, not gjj).</summary>
internal static class GroupLabels
{
    /// <summary>
    /// The department's name; a group that is only a backup group by its label <c>group.ID</c>; a group the content no
    /// longer has by its code, so the admin sees what to fix.
    /// </summary>
    public static string Of(string group, HandoffAvailability availability, ConsoleText text) =>
        availability.GroupName(group) ?? text.TryGet("group." + group) ?? group;

    public static string Join(IEnumerable<string> groups, HandoffAvailability availability, ConsoleText text) =>
        string.Join("、", groups.Select(g => Of(g, availability, text)));
}
