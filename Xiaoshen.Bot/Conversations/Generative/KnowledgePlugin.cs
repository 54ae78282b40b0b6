using System.ComponentModel;
using System.Text.Json;
using Microsoft.SemanticKernel;
using Xiaoshen.Bot.Handoff;
using Xiaoshen.Knowledge.Content;
using Xiaoshen.Knowledge.Search;

namespace Xiaoshen.Bot.Conversations.Generative;

/// <summary>Xiaoshen's own functions exposed to the kernel: search the knowledge base, read a matter's section, department hours.</summary>
public sealed class KnowledgePlugin(KnowledgeSearch search, HandoffAvailability availability)
{
    [KernelFunction("search_knowledge")]
    [Description("Searches the Shanghai government-service knowledge base; returns the best matching matters with their ids and confidence.")]
    public async Task<string> SearchKnowledgeAsync([Description("The citizen's question in Chinese")] string query, CancellationToken cancellationToken = default)
    {
        var hits = await search.SearchAsync(PersonalData.Mask(query), new SearchRequest { Top = 3 }, cancellationToken);
        return JsonSerializer.Serialize(hits.Select(h => new { id = h.MatterId, name = h.MatterName, confidence = Math.Round(h.Confidence, 3) }));
    }

    [KernelFunction("get_matter_section")]
    [Description("Returns one section of a matter: Conditions, Materials, Process, Channels, TimeLimit or Fees.")]
    public string GetMatterSection([Description("The matter id")] string matterId, [Description("The section")] SectionKind section) =>
        search.Knowledge.Matters.TryGetValue(matterId, out var matter) && matter.Sections.TryGetValue(section, out var s)
            ? s.Markdown
            : string.Empty;

    [KernelFunction("department_hours")]
    [Description("Says when the human agents of the department responsible for a matter are online.")]
    public string DepartmentHours([Description("The matter id, or empty for the general service")] string matterId) =>
        availability.Describe(string.IsNullOrWhiteSpace(matterId) ? null : matterId);
}
