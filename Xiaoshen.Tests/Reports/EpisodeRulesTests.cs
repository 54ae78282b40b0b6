using Xiaoshen.Bot.Handoff;
using Xiaoshen.Bot.Reports;

namespace Xiaoshen.Tests.Reports;

public class EpisodeRulesTests
{
    private static readonly DateTimeOffset Start = new(2026, 9, 14, 10, 0, 0, TimeSpan.FromHours(8));

    private static EpisodeScript Script() => new(Start);

    [Fact]
    public void AnAnswerThatStandsIsResolvedByXiaoshen() =>
        Assert.Equal(EpisodeOutcome.ResolvedByBot, Script().Answer().Outcome());

    [Fact]
    public void AnAnswerMarkedNotHelpfulLeavesTheQuestionUnresolved() =>
        Assert.Equal(EpisodeOutcome.Unresolved, Script().Answer().NotHelpful().Outcome());

    [Fact]
    public void TheSameAnswerToARephrasedQuestionIsUnresolved() =>
        Assert.Equal(EpisodeOutcome.Unresolved, Script().Answer().Answer().Outcome());

    [Fact]
    public void ADifferentAnswerAfterTheFirstIsResolved() =>
        Assert.Equal(EpisodeOutcome.ResolvedByBot, Script().Answer().Answer(content: "gjj-rent-withdraw#2").Outcome());

    [Fact]
    public void AFallbackAsLastReplyIsUnresolved() =>
        Assert.Equal(EpisodeOutcome.Unresolved, Script().Answer().User("别的问题").Bot("fallback").Outcome());

    [Fact]
    public void AnAnswerFollowedByARequestForAPersonNobodyTookIsUnresolved() =>
        Assert.Equal(EpisodeOutcome.Unresolved, Script().Answer().User("转人工").Bot("offer-message").Outcome());

    [Fact]
    public void AClarifyingQuestionLeftUnansweredIsAbandoned() =>
        Assert.Equal(EpisodeOutcome.Abandoned, Script().User("提取").Bot("clarify").Outcome());

    [Fact]
    public void AGreetingWithoutAQuestionIsAbandoned() =>
        Assert.Equal(EpisodeOutcome.Abandoned, Script().User("你好").Bot("chitchat").Outcome());

    [Fact]
    public void AWelcomeNobodyAnsweredIsNoEpisode() =>
        Assert.Empty(Script().Bot("welcome").Project());

    [Fact]
    public void AHandoverTheLastAgentResolvedIsHumanResolvedEvenAfterATransfer()
    {
        var script = Script().Answer().User("转人工");
        var first = script.Queue("rsj");
        first.Assign("rsj01", script.Now);
        first.AgentWrote(script.Now.AddSeconds(20));
        first.End(HandoffOutcome.Transferred, script.Wait(TimeSpan.FromMinutes(2)).Now);
        var second = script.Queue("gjj");
        second.Assign("gjj01", script.Now);
        second.End(HandoffOutcome.Resolved, script.Wait(TimeSpan.FromMinutes(3)).Now);

        var episode = Assert.Single(script.Project());

        Assert.Equal(EpisodeOutcome.HumanResolved, episode.Outcome);
        Assert.Equal("gjj", episode.DepartmentId);
        Assert.Equal("gjj01", episode.HumanAgentId);
        Assert.Equal(TimeSpan.FromSeconds(20), episode.FirstResponse);
    }

    [Fact]
    public void AHandoverTheAgentCouldNotSolveIsHumanNotResolved()
    {
        var script = Script().User("转人工");
        var session = script.Queue();
        session.Assign("gjj01", script.Now);
        session.AgentWrote(script.Now.AddSeconds(10));
        session.End(HandoffOutcome.NotResolved, script.Now.AddMinutes(4));

        Assert.Equal(EpisodeOutcome.HumanNotResolved, script.Outcome());
    }

    [Fact]
    public void AReferralTo12345WinsOverEverythingElse()
    {
        var script = Script().User("转人工");
        var session = script.Queue();
        session.Assign("gjj01", script.Now);
        session.End(HandoffOutcome.Referred12345, script.Now.AddMinutes(4));

        Assert.Equal(EpisodeOutcome.Referred12345, script.Outcome());
    }

    [Fact]
    public void CancellingWhileWaitingIsAbandoned()
    {
        var script = Script().User("转人工");
        script.Queue().End(HandoffOutcome.Cancelled, script.Now.AddSeconds(90));

        Assert.Equal(EpisodeOutcome.Abandoned, script.Outcome());
    }

    [Fact]
    public void GoingSilentBeforeAnyResponseIsAbandonedButAfterOneIsNotResolved()
    {
        var before = Script().User("转人工");
        var waiting = before.Queue();
        waiting.Assign("gjj01", before.Now);
        waiting.End(HandoffOutcome.PersonSilent, before.Now.AddMinutes(8));

        var after = Script().User("转人工");
        var answered = after.Queue();
        answered.Assign("gjj01", after.Now);
        answered.AgentWrote(after.Now.AddSeconds(30));
        answered.End(HandoffOutcome.PersonSilent, after.Now.AddMinutes(8));

        Assert.Equal(EpisodeOutcome.Abandoned, before.Outcome());
        Assert.Equal(EpisodeOutcome.HumanNotResolved, after.Outcome());
    }

    [Fact]
    public void AMessageLeftOutsideWorkingHoursIsAnOffHoursTicket() =>
        Assert.Equal(EpisodeOutcome.OffHoursTicket, Script().Answer().User("转人工").Bot("offer-message").Ticket().Outcome());

    [Fact]
    public void AQueueClosedAtTheEndOfHoursWithAMessageLeftIsAnOffHoursTicket()
    {
        var script = Script().User("转人工");
        script.Queue().End(HandoffOutcome.ClosedAfterHours, script.Now.AddMinutes(5));
        script.Wait(TimeSpan.FromMinutes(5)).Ticket();

        Assert.Equal(EpisodeOutcome.OffHoursTicket, script.Outcome());
    }

    [Fact]
    public void AStillOpenHandoverCountsAsNotResolvedYet()
    {
        var script = Script().User("转人工");
        script.Queue().Assign("gjj01", script.Now);

        Assert.Equal(EpisodeOutcome.HumanNotResolved, script.Outcome());
    }

    [Fact]
    public void HalfAnHourOfSilenceStartsANewEpisode()
    {
        var episodes = Script().Answer().Wait(TimeSpan.FromMinutes(30)).User("又来问").Bot("fallback").Project();

        Assert.Equal([EpisodeOutcome.ResolvedByBot, EpisodeOutcome.Unresolved], episodes.Select(e => e.Outcome));
    }

    [Fact]
    public void SilenceWhileAPersonIsServingDoesNotStartANewEpisode()
    {
        var script = Script().User("转人工");
        var session = script.Queue();
        session.Assign("gjj01", script.Now);
        session.AgentWrote(script.Now.AddSeconds(5));
        script.Wait(TimeSpan.FromMinutes(40)).User("我回来了");
        session.End(HandoffOutcome.Resolved, script.Now.AddMinutes(1));

        Assert.Equal(EpisodeOutcome.HumanResolved, script.Outcome());
    }

    [Fact]
    public void AnEpisodeNobodyServedBelongsToTheDepartmentOfItsMatter()
    {
        var episode = Assert.Single(Script().Answer("crj-passport", "crj-passport#1").Project());

        Assert.Equal("crj", episode.DepartmentId);
        Assert.Equal("crj-passport", episode.MatterId);
        Assert.False(episode.HandedOver);
    }

    [Fact]
    public void TheQuestionInAnEpisodeIsMasked()
    {
        var episode = Assert.Single(Script().User("我的电话13812345678能查吗").Bot("fallback").Project());

        Assert.DoesNotContain("13812345678", episode.Question, StringComparison.Ordinal);
    }
}
