using Microsoft.EntityFrameworkCore;
using Xiaoshen.Bot.Storage;

namespace Xiaoshen.Bot.Reports;

/// <summary>
/// Deletes the stored episodes with the transcripts they were projected from: the days before the retention cutoff
/// and the day after it, whose projection window reaches back before the cutoff. They are filled again from what
/// remains once closed.
/// </summary>
internal sealed class ReportsRetention(IServiceScopeFactory scopes) : IRetentionTarget
{
    public async Task<int> DeleteOlderThanAsync(DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        var last = ReportSummary.Day(cutoff).AddDays(1);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<XiaoshenDbContext>();
        await db.ReportDays.Where(d => d.Day <= last).ExecuteDeleteAsync(cancellationToken);
        return await db.ReportEpisodes.Where(e => e.Day <= last).ExecuteDeleteAsync(cancellationToken);
    }
}
