using System.Security.Claims;
using Xiaoshen.Bot.AgentConsole;
using Xiaoshen.Bot.Handoff;

namespace Xiaoshen.Bot.Reports;

/// <summary>
/// Which departments a signed-in reader may see: the same departments as their work orders and board
/// (<see cref="SupervisedDepartments"/>): an admin all of them, a supervisor those whose agent or backup group is theirs.
/// </summary>
public static class ReportScope
{
    /// <summary>The ids of the departments <paramref name="user"/> may see; null means all.</summary>
    public static IReadOnlySet<string>? Departments(ClaimsPrincipal user, HandoffAvailability availability) =>
        SupervisedDepartments.Of(user, availability)?.ToHashSet(StringComparer.Ordinal);

    /// <summary>True when a reader with <paramref name="scope"/> may see <paramref name="departmentId"/>.</summary>
    public static bool Allows(IReadOnlySet<string>? scope, string departmentId) => scope is null || scope.Contains(departmentId);
}
