using Microsoft.Extensions.Options;
using Xiaoshen.Bot.Storage;

namespace Xiaoshen.Bot.Reports;

/// <summary>
/// The episodes of a report's period: the stored closed days (<see cref="StoredDays"/>; a closed day not stored yet is
/// filled on the way) and the rest, still open, projected live from the raw rows (<see cref="LiveEpisodes"/>). Both
/// are the same rules over the same rows, so the result is what a live projection of the whole period gives.
/// </summary>
public sealed class EpisodeProjection(StorageWriter writer, LiveEpisodes live, StoredDays stored, IOptionsMonitor<ReportsOptions> options)
{
    public async Task<IReadOnlyList<Episode>> EpisodesAsync(ReportFilter filter, CancellationToken cancellationToken)
    {
        await writer.FlushAsync();
        if (!options.CurrentValue.StoreClosedDays)
        {
            return await live.EpisodesAsync(filter, cancellationToken);
        }

        var days = await stored.CurrentAsync(filter.From, filter.To, cancellationToken);
        days.UnionWith(await stored.FillAsync([.. StoredDays.Days(filter.From, filter.To).Where(d => !days.Contains(d))], cancellationToken));
        var episodes = await stored.ReadAsync(filter, days, cancellationToken);
        foreach (var (from, to) in StoredDays.Runs(StoredDays.Days(filter.From, filter.To).Where(d => !days.Contains(d)), int.MaxValue))
        {
            episodes.AddRange(await live.ProjectAsync(from, to, cancellationToken));
        }

        return LiveEpisodes.Order(live.Keep(filter, episodes));
    }
}
