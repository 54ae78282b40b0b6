using System.Security.Claims;
using Xiaoshen.Bot.Handoff;

namespace Xiaoshen.Bot.AgentConsole;

/// <summary>Which departments a signed-in supervisor works: their 整改 work orders, board and reports.</summary>
public static class SupervisedDepartments
{
    /// <summary>
    /// All (null) for an admin; for a supervisor, the departments whose agent group or backup group is one of theirs (the
    /// duty team backs every department up, so its supervisors see all).
    /// </summary>
    public static IReadOnlyCollection<string>? Of(ClaimsPrincipal user, HandoffAvailability availability)
    {
        if (user.IsInRole(HumanAgent.AdminRole))
        {
            return null;
        }

        var groups = user.FindAll(HumanAgentAccounts.GroupClaim).Select(c => c.Value).ToHashSet(StringComparer.Ordinal);
        return availability.Departments.Where(d => groups.Contains(d.AgentGroup) || (d.BackupGroup is { } backup && groups.Contains(backup)))
            .Select(d => d.Id).ToList();
    }
}
