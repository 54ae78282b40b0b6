using System.Security.Claims;
using Xiaoshen.Bot.AgentConsole;
using Xiaoshen.Bot.Handoff;

namespace Xiaoshen.Bot.Reports;

/// <summary>Which departments a signed-in reader may see: an admin all of them, a supervisor those whose agent group is theirs.</summary>
public static class ReportScope
{
    /// <summary>The ids of the departments <paramref name="user"/> may see; null means all.</summary>
    public static IReadOnlySet<string>? Departments(ClaimsPrincipal user, HandoffAvailability availability)
    {
        if (user.IsInRole(HumanAgent.AdminRole))
        {
            return null;
        }

        var groups = HumanAgentAccounts.FromPrincipal(user).GroupList.ToHashSet(StringComparer.Ordinal);
        return availability.Departments.Where(d => groups.Contains(d.AgentGroup)).Select(d => d.Id).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>True when a reader with <paramref name="scope"/> may see <paramref name="departmentId"/>.</summary>
    public static bool Allows(IReadOnlySet<string>? scope, string departmentId) => scope is null || scope.Contains(departmentId);
}
