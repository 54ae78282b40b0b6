using System.Text.Json;
using Microsoft.Playwright;

namespace Xiaoshen.Tests.Browser;

/// <summary>
/// An accessibility audit with axe-core (npm, see <see cref="NodePackages"/>) of one document, as GB/T 37668-2019 and
/// WCAG 2.x ask: the serious and critical violations it finds, with where and why.
/// </summary>
internal static class AxeAudit
{
    public static async Task<IReadOnlyList<string>> SeriousAsync(IFrame frame)
    {
        await NodePackages.EnsureAsync();
        await frame.AddScriptTagAsync(new() { Path = Path.Combine(NodePackages.Folder, "node_modules", "axe-core", "axe.min.js") });
        var json = await frame.EvaluateAsync<string>("""
            async () => {
              const result = await axe.run(document, { resultTypes: ['violations'] });
              return JSON.stringify(result.violations
                .filter(v => v.impact === 'serious' || v.impact === 'critical')
                .map(v => `${v.impact} ${v.id}: ${v.help} @ ${v.nodes.slice(0, 5).map(n => n.target.join(' ')).join(' | ')}`));
            }
            """);
        return JsonSerializer.Deserialize<List<string>>(json)!;
    }

    /// <summary>Fails with the violations when the document has serious or critical ones.</summary>
    public static async Task AssertCleanAsync(IFrame frame, string what)
    {
        var violations = await SeriousAsync(frame);
        Assert.True(violations.Count == 0, $"{what}: {violations.Count} serious or critical accessibility violations:\n{string.Join('\n', violations)}");
    }
}
