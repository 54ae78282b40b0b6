using Xiaoshen.Knowledge.Content;
using Xiaoshen.Knowledge.Search;

namespace Xiaoshen.Bot.Booking;

/// <summary>The service centres of the content being served (<c>service-centres.yaml</c>, reloaded with it). Singleton.</summary>
public sealed class ServiceCentres(KnowledgeSearch search)
{
    /// <summary>Every centre, in file order.</summary>
    public IReadOnlyList<ServiceCentre> All => search.Knowledge.ServiceCentres;

    public ServiceCentre? Find(string? id) => All.FirstOrDefault(c => c.Id == id);

    /// <summary>The centres that book help for <paramref name="matterId"/>.</summary>
    public IReadOnlyList<ServiceCentre> ForMatter(string? matterId) => matterId is null ? [] : All.Where(c => c.Matters.Contains(matterId)).ToList();

    /// <summary>The centre for the matter that <paramref name="text"/> names (its district or an alias; the longest mention wins: 浦东新区 over 浦东).</summary>
    public ServiceCentre? NamedIn(string text, string? matterId) => Mentioned(ForMatter(matterId), text);

    /// <summary>Any centre that <paramref name="text"/> names, whatever it handles.</summary>
    public ServiceCentre? NamedAnywhere(string text) => Mentioned(All, text);

    private static ServiceCentre? Mentioned(IEnumerable<ServiceCentre> centres, string text) =>
        centres.Select(c => (Centre: c, Length: c.MentionLength(text))).Where(m => m.Length > 0).OrderByDescending(m => m.Length).Select(m => m.Centre).FirstOrDefault();

    /// <summary>The leader's title at the centre (empty when unknown).</summary>
    public string LeaderTitle(string centreId, string leader) => Find(centreId)?.Leaders.FirstOrDefault(l => l.Name == leader)?.Title ?? string.Empty;
}
