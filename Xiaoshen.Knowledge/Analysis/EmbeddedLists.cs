using System.Reflection;

namespace Xiaoshen.Knowledge.Analysis;

/// <summary>Reads the word lists embedded in this assembly (one entry per line, <c>#</c> comments).</summary>
internal static class EmbeddedLists
{
    public static IReadOnlyList<string> Read(string name)
    {
        var resource = $"Xiaoshen.Knowledge.Analysis.{name}";
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"Embedded resource {resource} is missing.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd()
            .Split('\n')
            .Select(l => l.Trim())
            .Where(l => l.Length > 0 && !l.StartsWith('#'))
            .ToArray();
    }
}
