using Xiaoshen.Tests.Api;

namespace Xiaoshen.Tests.PreReview;

/// <summary>Pre-review settings an operator can get wrong are refused at start with a message that says what to set.</summary>
public sealed class PreReviewOptionsTests
{
    [Fact]
    public void SeveralNodesWithPhotosBesideEachNodesContentRefuseToStart()
    {
        // No Redis needs to answer: the refusal comes before anything connects.
        using var factory = new BotApiFactory().WithSetting("Redis:Configuration", "127.0.0.1:1").WithSetting("DirectLine:Secret", "a-shared-secret-of-the-deployment")
            .WithSetting("Attachments:UploadPath", Path.GetTempPath()).WithSetting("Handoff:Assignment", "Pick");

        var refused = Assert.ThrowsAny<Exception>(() => factory.CreateClient());

        Assert.Contains("PreReview:StoragePath is relative but Redis:Configuration is set", refused.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("400")]
    public void ARetentionOutsideItsRangeRefusesToStart(string days)
    {
        using var factory = new BotApiFactory().WithSetting("PreReview:ImageRetentionDays", days);

        var refused = Assert.ThrowsAny<Exception>(() => factory.CreateClient());

        Assert.Contains("ImageRetentionDays", refused.ToString(), StringComparison.Ordinal);
    }
}
