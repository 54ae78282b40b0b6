using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Xiaoshen.Bot.PreReview;
using Xiaoshen.Bot.Storage;
using Xiaoshen.Tests.Api;

namespace Xiaoshen.Tests.PreReview;

/// <summary>
/// issue 16: after <c>PreReview:CaseRetentionDays</c> a closed pre-review goes with its uploads (what was read from the
/// photos, the findings), counted from the review for a reviewed one and from the start for a cancelled one; a pre-review
/// still waiting for its department is kept. On the fake clock, through the web chat.
/// </summary>
public sealed class PreReviewCaseRetentionTests : IDisposable
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 30, 10, 0, 0, TimeSpan.FromHours(8)));
    private readonly BotApiFactory _factory;

    public PreReviewCaseRetentionTests() =>
        _factory = DirectLineClient.Configure(new RepositoryBotApiFactory())
            .WithSetting("PreReview:ImageRetentionDays", "30")
            .WithSetting("PreReview:CaseRetentionDays", "180")
            .WithServices(s => s.AddSingleton<TimeProvider>(_clock));

    public void Dispose() => _factory.Dispose();

    [CjkFontFact]
    public async Task ClosedPreReviewsAreDeletedAfterTheirRetentionAndOnesWaitingForStaffAreKept()
    {
        var service = _factory.Services.GetRequiredService<PreReviewService>();
        var reviewed = await SubmittedWithAPhotoAsync(service);
        var waiting = await SubmittedWithAPhotoAsync(service);
        var cancelled = await StartedAsync();
        await service.CancelAsync(cancelled, CancellationToken.None);

        _clock.Advance(TimeSpan.FromDays(10));
        Assert.Equal(ReviewOutcome.Reviewed, (await service.ReviewAsync(reviewed, PreReviewStatus.Confirmed, "agent-1", null, CancellationToken.None)).Outcome);

        _clock.Advance(TimeSpan.FromDays(169));
        await SweepAsync(service);
        Assert.Equal(new[] { reviewed, waiting, cancelled }.Order(), (await RowsAsync()).Cases.Order());

        // 181 days after the start: the cancelled one goes; the reviewed one was reviewed 171 days ago.
        _clock.Advance(TimeSpan.FromDays(2));
        await SweepAsync(service);
        var (cases, uploads) = await RowsAsync();
        Assert.Equal(new[] { reviewed, waiting }.Order(), cases.Order());
        Assert.Equal(new[] { reviewed, waiting }.Order(), uploads.Order());

        // 180 days after the review, the sweep of the running service deletes it and what was read from its photo.
        _clock.Advance(TimeSpan.FromDays(10));
        await Eventually.TrueAsync(async () => (await RowsAsync()).Cases.SequenceEqual([waiting]), "the reviewed pre-review was not deleted");
        Assert.Equal([waiting], (await RowsAsync()).Uploads);
    }

    [Fact]
    public void ACaseRetentionShorterThanThePhotosRefusesToStart()
    {
        using var factory = new BotApiFactory().WithSetting("PreReview:ImageRetentionDays", "30").WithSetting("PreReview:CaseRetentionDays", "20");

        var refused = Assert.ThrowsAny<Exception>(() => factory.CreateClient());

        Assert.Contains("PreReview:CaseRetentionDays is shorter than PreReview:ImageRetentionDays", refused.ToString(), StringComparison.Ordinal);
    }

    private static async Task SweepAsync(PreReviewService service)
    {
        await service.DeleteOldPhotosAsync(CancellationToken.None);
        await service.DeleteClosedCasesAsync(CancellationToken.None);
    }

    private async Task<Guid> SubmittedWithAPhotoAsync(PreReviewService service)
    {
        var (client, caseId) = await StartAsync();
        Assert.Contains("食品经营许可证", await PreReviewFlowTests.UploadAsync(client, "许可证.png", RenewalPhotos.FoodLicence), StringComparison.Ordinal);
        await service.SubmitAsync(caseId, CancellationToken.None);
        return caseId;
    }

    private async Task<Guid> StartedAsync() => (await StartAsync()).CaseId;

    private async Task<(DirectLineClient Client, Guid CaseId)> StartAsync()
    {
        var before = (await RowsAsync()).Cases;
        var client = await new DirectLineClient(_factory.CreateClient()).StartAsync();
        await PreReviewFlowTests.SayAsync(client, "帮我预审一下食品经营许可证延续的材料");
        var caseId = Assert.Single((await RowsAsync()).Cases.Except(before));
        return (client, caseId);
    }

    private async Task<(List<Guid> Cases, List<Guid> Uploads)> RowsAsync()
    {
        await using var scope = _factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<XiaoshenDbContext>();
        return (await db.PreReviewCases.Select(c => c.Id).ToListAsync(), await db.PreReviewUploads.Select(u => u.CaseId).ToListAsync());
    }
}
