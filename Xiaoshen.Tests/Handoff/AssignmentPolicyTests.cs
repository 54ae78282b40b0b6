using Xiaoshen.Bot.Handoff;

namespace Xiaoshen.Tests.Handoff;

public sealed class AssignmentPolicyTests
{
    private static readonly DateTimeOffset Earlier = new(2026, 11, 30, 9, 0, 0, TimeSpan.FromHours(8));
    private static readonly DateTimeOffset Later = Earlier.AddMinutes(10);

    [Fact]
    public void AssignsTheLeastBusyOnlineAgentOfTheGroup() => Assert.Equal("b", AssignmentPolicy.Choose(
        [Agent("a", 3), Agent("b", 1), Agent("c", 2), Agent("d", 0, groups: ["rsj"])], "gjj"));

    [Fact]
    public void SkipsAgentsOfflineOrAtTheirChatLimit() => Assert.Equal("c", AssignmentPolicy.Choose(
        [Agent("a", 0, online: false), Agent("b", 5), Agent("c", 4)], "gjj"));

    [Fact]
    public void BreaksTiesByTheLeastRecentlyAssigned() => Assert.Equal("a", AssignmentPolicy.Choose(
        [Agent("b", 1, last: Later), Agent("a", 1, last: Earlier)], "gjj"));

    [Fact]
    public void AssignsNobodyWhenNobodyCanTakeMore() => Assert.Null(AssignmentPolicy.Choose(
        [Agent("a", 5), Agent("b", 0, online: false)], "gjj"));

    private static HumanAgentSnapshot Agent(string id, int active, bool online = true, DateTimeOffset? last = null, string[]? groups = null) =>
        new(id, groups ?? ["gjj"], online, active, 5, last);
}
