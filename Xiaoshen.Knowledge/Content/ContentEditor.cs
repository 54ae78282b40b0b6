using System.Security.Cryptography;
using System.Text;

namespace Xiaoshen.Knowledge.Content;

/// <summary>
/// Writes an editor's decision into the content folder as a person would: one line of the file is changed or added, and
/// every other byte (comments, blank lines, line endings, a BOM) stays as it was. The edited text is parsed with the same
/// parsers as a build before it is written, so an edit that would break the file is refused and the file is untouched.
/// A write goes to a temporary file in the same folder and replaces the file in one move. Stateless and thread-safe;
/// two editors writing the same file at once are told apart by <see cref="ContentFileView.Version"/>.
/// </summary>
public static class ContentEditor
{
    /// <summary>The longest phrasing accepted, in characters.</summary>
    public const int MaxWordingLength = 100;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
    private static readonly char[] PhrasingSeparators = ['｜', '|', '；', ';'];
    private static readonly string[] AlternativesPrefixes = ["也问：", "也问:"];
    private const string FaqTitle = "常见问题";

    /// <summary>The relative path of a matter's file: <c>matters/&lt;id&gt;.md</c>.</summary>
    public static string MatterFile(string matterId) => Path.Combine(ContentLoader.MattersFolder, matterId + ".md");

    /// <summary>The relative path of the out-of-scope list.</summary>
    public static string OutOfScopeFile => ContentLoader.OutOfScopeFile;

    /// <summary>
    /// Reads a matter's file as it is on disk now: its version and FAQ questions in order (the numbers
    /// <see cref="AddPhrasing"/> takes). Returns null when the file is missing or does not parse.
    /// </summary>
    public static ContentFileView? ReadMatter(string contentPath, string matterId)
    {
        if (!IsSafeId(matterId) || Read(contentPath, MatterFile(matterId)) is not { } file)
        {
            return null;
        }

        var matter = MatterParser.Parse(file.Text, new ProblemList(MatterFile(matterId)));
        return matter is null ? null : new ContentFileView(file.Version, matter.Faqs.Select(f => f.Question).ToList());
    }

    /// <summary>Reads the out-of-scope list: its version and topics. Returns null when it is missing or does not parse.</summary>
    public static ContentFileView? ReadOutOfScope(string contentPath)
    {
        if (Read(contentPath, OutOfScopeFile) is not { } file)
        {
            return null;
        }

        var problems = new ProblemList(OutOfScopeFile);
        var topics = OutOfScopeParser.Parse(file.Text, problems);
        return problems.HasErrors ? null : new ContentFileView(file.Version, topics.Select(t => t.Topic).ToList());
    }

    /// <summary>
    /// Adds <paramref name="wording"/> to the 也问 line of FAQ <paramref name="faqNumber"/> of matter
    /// <paramref name="matterId"/> (a 也问 line is added under the question when it has none).
    /// </summary>
    /// <param name="contentPath">The content folder.</param>
    /// <param name="matterId">The matter; its file is <see cref="MatterFile"/>.</param>
    /// <param name="faqNumber">1-based FAQ number, as listed by <see cref="ReadMatter"/>.</param>
    /// <param name="wording">The new phrasing.</param>
    /// <param name="expectedVersion">The version the editor saw (<see cref="ReadMatter"/>); the edit is refused when the file changed since.</param>
    public static ContentEditResult AddPhrasing(string contentPath, string matterId, int faqNumber, string wording, string expectedVersion)
    {
        var relative = IsSafeId(matterId) ? MatterFile(matterId) : matterId;
        if (Clean(wording) is not { } phrasing)
        {
            return ContentEditResult.Refused(relative, ContentEditFailure.InvalidWording);
        }

        if (!IsSafeId(matterId) || Read(contentPath, relative) is not { } file)
        {
            return ContentEditResult.Refused(relative, ContentEditFailure.NotFound);
        }

        if (file.Version != expectedVersion)
        {
            return ContentEditResult.Refused(relative, ContentEditFailure.FileChanged);
        }

        var before = ParseMatter(file.Text, relative);
        if (before is null || faqNumber < 1 || faqNumber > before.Faqs.Count)
        {
            return ContentEditResult.Refused(relative, before is null ? ContentEditFailure.Broken : ContentEditFailure.NotFound);
        }

        var faq = before.Faqs[faqNumber - 1];
        if (faq.Question == phrasing || faq.Alternatives.Contains(phrasing, StringComparer.Ordinal))
        {
            return ContentEditResult.Refused(relative, ContentEditFailure.Duplicate);
        }

        var edited = InsertPhrasing(file.Text, faqNumber, phrasing);
        var after = edited is null ? null : ParseMatter(edited, relative);
        if (after is null || after.Faqs.Count != before.Faqs.Count || !after.Faqs[faqNumber - 1].Alternatives.Contains(phrasing, StringComparer.Ordinal))
        {
            return ContentEditResult.Refused(relative, ContentEditFailure.Broken);
        }

        return Write(contentPath, relative, file, edited!, phrasing);
    }

    /// <summary>
    /// Adds <paramref name="wording"/> to the phrasings of topic <paramref name="topic"/> in the out-of-scope list, or
    /// appends a new topic with it when there is none of that name.
    /// </summary>
    /// <param name="contentPath">The content folder.</param>
    /// <param name="topic">The topic (existing or new).</param>
    /// <param name="wording">The phrasing.</param>
    /// <param name="expectedVersion">The version the editor saw (<see cref="ReadOutOfScope"/>).</param>
    public static ContentEditResult AddOutOfScope(string contentPath, string topic, string wording, string expectedVersion)
    {
        var relative = OutOfScopeFile;
        if (Clean(wording) is not { } phrasing || Clean(topic) is not { } name)
        {
            return ContentEditResult.Refused(relative, ContentEditFailure.InvalidWording);
        }

        if (Read(contentPath, relative) is not { } file)
        {
            return ContentEditResult.Refused(relative, ContentEditFailure.NotFound);
        }

        if (file.Version != expectedVersion)
        {
            return ContentEditResult.Refused(relative, ContentEditFailure.FileChanged);
        }

        if (ParseOutOfScope(file.Text) is not { } before)
        {
            return ContentEditResult.Refused(relative, ContentEditFailure.Broken);
        }

        if (before.Any(t => t.Phrasings.Contains(phrasing, StringComparer.Ordinal)))
        {
            return ContentEditResult.Refused(relative, ContentEditFailure.Duplicate);
        }

        var existing = before.FirstOrDefault(t => t.Topic == name);
        var edited = existing is null ? AppendTopic(file.Text, name, phrasing) : InsertOutOfScopePhrasing(file.Text, existing.Line, phrasing);
        var after = edited is null ? null : ParseOutOfScope(edited);
        if (after is null || after.Count != before.Count + (existing is null ? 1 : 0)
            || after.FirstOrDefault(t => t.Topic == name) is not { } written || !written.Phrasings.Contains(phrasing, StringComparer.Ordinal))
        {
            return ContentEditResult.Refused(relative, ContentEditFailure.Broken);
        }

        return Write(contentPath, relative, file, edited!, phrasing);
    }

    /// <summary>The phrasing as it would be written: whitespace runs become one space; null when it is empty, too long or holds a 也问 separator.</summary>
    public static string? Clean(string? wording)
    {
        if (string.IsNullOrWhiteSpace(wording))
        {
            return null;
        }

        var cleaned = string.Join(' ', wording.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return cleaned.Length > MaxWordingLength || cleaned.IndexOfAny(PhrasingSeparators) >= 0 || cleaned.StartsWith('#') ? null : cleaned;
    }

    private static bool IsSafeId(string id) => id.Length is > 0 and <= 64 && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    private static Matter? ParseMatter(string text, string relative)
    {
        var problems = new ProblemList(relative);
        var matter = MatterParser.Parse(text, problems);
        return problems.HasErrors ? null : matter;
    }

    private static IReadOnlyList<OutOfScopeTopic>? ParseOutOfScope(string text)
    {
        var problems = new ProblemList(OutOfScopeFile);
        var topics = OutOfScopeParser.Parse(text, problems);
        return problems.HasErrors ? null : topics;
    }

    // Finds FAQ n under "## 常见问题" (outside code fences) and appends to its 也问 line, or adds one under the heading.
    private static string? InsertPhrasing(string text, int faqNumber, string phrasing)
    {
        var lines = Lines(text);
        var inFaqs = false;
        var fenced = false;
        var seen = 0;
        var heading = -1;
        for (var i = FirstBodyLine(lines, text); i < lines.Count && heading < 0; i++)
        {
            var line = Content(text, lines[i]).Trim();
            if (line.StartsWith("```", StringComparison.Ordinal) || line.StartsWith("~~~", StringComparison.Ordinal))
            {
                fenced = !fenced;
            }
            else if (!fenced && Level(line) is > 0 and <= 2)
            {
                inFaqs = Level(line) == 2 && line.TrimStart('#').Trim() == FaqTitle;
            }
            else if (!fenced && inFaqs && Level(line) == 3 && ++seen == faqNumber)
            {
                heading = i;
            }
        }

        if (heading < 0)
        {
            return null;
        }

        for (var i = heading + 1; i < lines.Count && Level(Content(text, lines[i]).Trim()) == 0; i++)
        {
            var content = Content(text, lines[i]);
            var trimmed = content.Trim();
            if (AlternativesPrefixes.FirstOrDefault(p => trimmed.StartsWith(p, StringComparison.Ordinal)) is not { } prefix)
            {
                continue;
            }

            var end = lines[i].Start + content.TrimEnd().Length;
            var separator = trimmed.Contains('|', StringComparison.Ordinal) && !trimmed.Contains('｜', StringComparison.Ordinal) ? "|" : "｜";
            return text.Insert(end, trimmed.Length == prefix.Length ? phrasing : separator + phrasing);
        }

        var headingEnd = lines[heading].Start + Content(text, lines[heading]).Length;
        return text.Insert(headingEnd, NewLine(text) + AlternativesPrefixes[0] + phrasing);
    }

    // The topic's "phrasings:" is either a flow list on one line ([a, b]) or a block list ("- a" lines); both are kept as they are.
    private static string? InsertOutOfScopePhrasing(string text, int topicLine, string phrasing)
    {
        var lines = Lines(text);
        var topicIndex = topicLine - 1;
        if (topicIndex < 0 || topicIndex >= lines.Count)
        {
            return null;
        }

        var itemIndent = Indent(Content(text, lines[topicIndex]));
        for (var i = topicIndex + 1; i < lines.Count; i++)
        {
            var content = Content(text, lines[i]);
            var trimmed = content.Trim();
            if (trimmed.Length > 0 && !trimmed.StartsWith('#') && Indent(content) <= itemIndent)
            {
                return null; // the next topic: this one had no phrasings line
            }

            if (!trimmed.StartsWith("phrasings:", StringComparison.Ordinal))
            {
                continue;
            }

            var value = StripComment(trimmed["phrasings:".Length..]).Trim();
            if (value.StartsWith('[') && value.EndsWith(']'))
            {
                var close = lines[i].Start + content.LastIndexOf(']');
                return text.Insert(close, (value.Length > 2 ? ", " : string.Empty) + YamlScalar(phrasing));
            }

            if (value.Length == 0)
            {
                return InsertBlockItem(text, lines, i, phrasing);
            }

            return null;
        }

        return null;
    }

    private static string? InsertBlockItem(string text, List<(int Start, int Length)> lines, int keyLine, string phrasing)
    {
        var keyIndent = Indent(Content(text, lines[keyLine]));
        var last = -1;
        var itemIndent = keyIndent + 2;
        for (var i = keyLine + 1; i < lines.Count; i++)
        {
            var content = Content(text, lines[i]);
            var trimmed = content.Trim();
            if (trimmed.Length == 0 || trimmed.StartsWith('#'))
            {
                continue;
            }

            if (!trimmed.StartsWith('-') || Indent(content) < keyIndent)
            {
                break;
            }

            last = i;
            itemIndent = Indent(content);
        }

        if (last < 0)
        {
            return null;
        }

        var end = lines[last].Start + Content(text, lines[last]).Length;
        return text.Insert(end, NewLine(text) + new string(' ', itemIndent) + "- " + YamlScalar(phrasing));
    }

    private static string AppendTopic(string text, string topic, string phrasing)
    {
        var lines = Lines(text);
        var indent = lines.Select(l => Content(text, l)).Where(c => c.TrimStart().StartsWith("- topic:", StringComparison.Ordinal)).Select(Indent).FirstOrDefault(2);
        var newline = NewLine(text);
        var pad = new string(' ', indent);
        var separator = text.Length == 0 || text.EndsWith('\n') ? string.Empty : newline;
        return text + separator
            + pad + "- topic: " + YamlScalar(topic) + newline
            + pad + "  phrasings: [" + YamlScalar(phrasing) + "]" + newline;
    }

    // Plain when YAML reads it back unchanged; otherwise double-quoted.
    private static string YamlScalar(string value) =>
        value.IndexOfAny([',', '[', ']', '{', '}', ':', '#', '&', '*', '!', '|', '>', '\'', '"', '%', '@', '`', '?', '-', '\\']) < 0 && value == value.Trim()
            ? value
            : "\"" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";

    private static string StripComment(string value)
    {
        var hash = value.IndexOf(" #", StringComparison.Ordinal);
        return hash >= 0 ? value[..hash] : value;
    }

    private static int Level(string trimmedLine)
    {
        var level = 0;
        while (level < trimmedLine.Length && trimmedLine[level] == '#')
        {
            level++;
        }

        return level > 0 && level < trimmedLine.Length && trimmedLine[level] == ' ' ? level : 0;
    }

    private static int Indent(string line) => line.Length - line.TrimStart(' ').Length;

    private static int FirstBodyLine(List<(int Start, int Length)> lines, string text)
    {
        var closes = 0;
        for (var i = 0; i < lines.Count; i++)
        {
            if (Content(text, lines[i]).Trim() == "---" && ++closes == 2)
            {
                return i + 1;
            }
        }

        return lines.Count;
    }

    // Each line's start and length without its "\r\n" or "\n".
    private static List<(int Start, int Length)> Lines(string text)
    {
        var lines = new List<(int, int)>();
        var start = 0;
        while (start <= text.Length)
        {
            var end = text.IndexOf('\n', start);
            var stop = end < 0 ? text.Length : end;
            var length = stop > start && text[stop - 1] == '\r' ? stop - start - 1 : stop - start;
            lines.Add((start, length));
            if (end < 0)
            {
                break;
            }

            start = end + 1;
        }

        return lines;
    }

    private static string Content(string text, (int Start, int Length) line) => text.Substring(line.Start, line.Length);

    private static string NewLine(string text) => text.Contains("\r\n", StringComparison.Ordinal) ? "\r\n" : "\n";

    private static ContentFileText? Read(string contentPath, string relative)
    {
        var path = Path.Combine(contentPath, relative);
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }

        var bom = bytes.AsSpan().StartsWith(Encoding.UTF8.Preamble);
        try
        {
            var text = StrictUtf8.GetString(bytes, bom ? 3 : 0, bytes.Length - (bom ? 3 : 0));
            return new ContentFileText(text, bom, Convert.ToHexStringLower(SHA256.HashData(bytes)));
        }
        catch (DecoderFallbackException)
        {
            return new ContentFileText(string.Empty, bom, Convert.ToHexStringLower(SHA256.HashData(bytes)));
        }
    }

    private static ContentEditResult Write(string contentPath, string relative, ContentFileText file, string edited, string phrasing)
    {
        var path = Path.Combine(contentPath, relative);
        var folder = Path.GetDirectoryName(path)!;
        var temporary = Path.Combine(folder, "." + Path.GetFileName(path) + "." + Guid.NewGuid().ToString("N")[..8] + ".tmp");
        try
        {
            var bytes = (file.Bom ? Encoding.UTF8.Preamble.ToArray() : []).Concat(StrictUtf8.GetBytes(edited)).ToArray();
            File.WriteAllBytes(temporary, bytes);

            // Checked again just before the move: a save by someone else since the editor's check is not overwritten.
            if (Read(contentPath, relative)?.Version != file.Version)
            {
                File.Delete(temporary);
                return ContentEditResult.Refused(relative, ContentEditFailure.FileChanged);
            }

            File.Move(temporary, path, overwrite: true);
            return new ContentEditResult(relative, null, phrasing, Convert.ToHexStringLower(SHA256.HashData(bytes)));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            TryDelete(temporary);
            return ContentEditResult.Refused(relative, ContentEditFailure.ReadOnly);
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Nothing was written to the content file; a stray temporary file is ignored by the loader.
        }
    }

    private sealed record ContentFileText(string Text, bool Bom, string Version);
}
