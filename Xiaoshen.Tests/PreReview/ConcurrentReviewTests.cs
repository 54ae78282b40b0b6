using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xiaoshen.Bot.Conversations;
using Xiaoshen.Bot.PreReview;
using Xiaoshen.Bot.Storage;
using Xiaoshen.Tests.Api;
using Xiaoshen.Tests.Storage;

namespace Xiaoshen.Tests.PreReview;

/// <summary>
/// issue 16: several staff confirm, correct or reject the same pre-review at the same moment, on SQLite and on
/// PostgreSQL. Exactly one review is stored, the case keeps that reviewer's result, the others are told a colleague came
/// first (with that result), and the person gets exactly one notice in the chat and in the transcript.
/// </summary>
public sealed class ConcurrentReviewTests
{
    private const int Staff = 6;

    [Fact]
    public async Task OnSqliteOneReviewWinsAndThePersonIsToldOnce()
    {
        using var factory = DirectLineClient.Configure(new RepositoryBotApiFactory());
        await RaceAsync(factory);
    }

    [PostgresFact]
    public async Task OnPostgresOneReviewWinsAndThePersonIsToldOnce()
    {
        using var content = new TestKnowledgeBase(TestKnowledgeBase.RepositorySource);
        await using var database = await PostgresDatabase.CreateAsync();
        using var factory = DirectLineClient.Configure(database.Host(content));
        await RaceAsync(factory);
    }

    private static async Task RaceAsync(BotApiFactory factory)
    {
        var client = await new DirectLineClient(factory.CreateClient()).StartAsync();
        await PreReviewFlowTests.SayAsync(client, "帮我预审一下食品经营许可证延续的材料");
        var service = factory.Services.GetRequiredService<PreReviewService>();
        Guid caseId;
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            caseId = (await scope.ServiceProvider.GetRequiredService<XiaoshenDbContext>().PreReviewCases.SingleAsync()).Id;
        }

        var submitted = await service.SubmitAsync(caseId, CancellationToken.None);
        var (_, watermark) = await client.ActivitiesAsync();

        // Staff 0 confirms; the others correct or reject, each with a note of their own.
        using var start = new ManualResetEventSlim();
        var reviews = Enumerable.Range(0, Staff).Select(i => Task.Run(async () =>
        {
            var outcome = (i % 3) switch { 0 => PreReviewStatus.Confirmed, 1 => PreReviewStatus.Corrected, _ => PreReviewStatus.Rejected };
            start.Wait();
            return (Agent: $"agent-{i}", Outcome: outcome, Result: await service.ReviewAsync(caseId, outcome, $"agent-{i}", $"同事 {i} 的说明", CancellationToken.None));
        })).ToList();
        start.Set();
        var results = await Task.WhenAll(reviews);

        var winner = Assert.Single(results, r => r.Result.Outcome == ReviewOutcome.Reviewed);
        var losers = results.Where(r => r.Result.Outcome != ReviewOutcome.Reviewed).ToList();
        Assert.Equal(Staff - 1, losers.Count);
        Assert.All(losers, l => Assert.Equal(
            (ReviewOutcome.AlreadyReviewed, winner.Agent, winner.Outcome),
            (l.Result.Outcome, l.Result.Case?.ReviewedBy, l.Result.Case?.Status)));

        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var stored = await scope.ServiceProvider.GetRequiredService<XiaoshenDbContext>().PreReviewCases.AsNoTracking().SingleAsync();
            Assert.Equal((winner.Outcome, winner.Agent), (stored.Status, stored.ReviewedBy));
            Assert.Equal($"同事 {winner.Agent[^1]} 的说明", stored.ReviewNote);
        }

        var notice = $"您的材料预审（编号 {submitted.Number}）";
        var (activities, _) = await client.ActivitiesAsync(watermark);
        Assert.Single(activities, a => a.TryGetProperty("text", out var text) && text.GetString()!.Contains(notice, StringComparison.Ordinal));
        var transcript = await factory.Services.GetRequiredService<ConversationStore>().TranscriptAsync(submitted.ConversationId, CancellationToken.None);
        Assert.Single(transcript, t => t.Text.Contains(notice, StringComparison.Ordinal));
    }
}
