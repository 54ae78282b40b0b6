using System.Text.Json;

namespace Xiaoshen.Knowledge.Evaluation;

/// <summary>Reads the JSONL evaluation format of DESIGN.md. Blank lines are skipped.</summary>
public static class EvalQuestionReader
{
    /// <summary>Reads every question of <paramref name="path"/>.</summary>
    /// <exception cref="EvalInputException">The file is unreadable or a line is not a valid question.</exception>
    public static async Task<IReadOnlyList<EvalQuestion>> ReadAsync(string path, CancellationToken cancellationToken = default)
    {
        string[] lines;
        try
        {
            lines = await File.ReadAllLinesAsync(path, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new EvalInputException($"cannot read {path}: {ex.GetType().Name}", ex);
        }

        var questions = new List<EvalQuestion>(lines.Length);
        for (var i = 0; i < lines.Length; i++)
        {
            if (lines[i].Trim().Length > 0)
            {
                questions.Add(Parse(lines[i], i + 1, path) with { Set = Path.GetFileName(path) });
            }
        }

        return questions;
    }

    /// <summary>Parses one line.</summary>
    /// <exception cref="EvalInputException">The line is not a valid question.</exception>
    public static EvalQuestion Parse(string json, int line, string file = "input")
    {
        try
        {
            using var doc = JsonDocument.Parse(json);
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("q", out var q) || q.ValueKind != JsonValueKind.String)
            {
                throw new EvalInputException($"{file}:{line}: expected an object with a string \"q\"");
            }

            var kindText = root.TryGetProperty("kind", out var k) && k.ValueKind == JsonValueKind.String ? k.GetString() : null;
            var matter = root.TryGetProperty("matter", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString() : null;
            var kind = kindText switch
            {
                null => EvalKind.Unlabelled,
                "matter" when matter is not null => EvalKind.Matter,
                "matter" => throw new EvalInputException($"{file}:{line}: kind \"matter\" needs a \"matter\" id"),
                "oos" => EvalKind.Oos,
                "human" => EvalKind.Human,
                "chitchat" => EvalKind.Chitchat,
                _ => throw new EvalInputException($"{file}:{line}: unknown kind \"{kindText}\" (matter, oos, human, chitchat)"),
            };
            return new EvalQuestion(q.GetString()!, kind, kind == EvalKind.Matter ? matter : null, line)
            {
                Tags = ReadTags(root),
                Answers = ContentTally.ReadLabels(root, file, line),
                After = root.TryGetProperty("after", out var after) && after.ValueKind == JsonValueKind.String ? after.GetString() : null,
                IsReal = root.TryGetProperty("source", out var source) && source.ValueKind == JsonValueKind.String
                    && Uri.TryCreate(source.GetString(), UriKind.Absolute, out var address) && address.Scheme is "http" or "https",
            };
        }
        catch (JsonException ex)
        {
            throw new EvalInputException($"{file}:{line}: not valid JSON ({ex.Message.Split('.')[0]})", ex);
        }
    }

    // "tags": ["typo", "short"] or "tags": "typo,short".
    private static string[] ReadTags(JsonElement root)
    {
        if (!root.TryGetProperty("tags", out var tags))
        {
            return [];
        }

        return tags.ValueKind switch
        {
            JsonValueKind.Array => tags.EnumerateArray().Where(t => t.ValueKind == JsonValueKind.String).Select(t => t.GetString()!.Trim()).Where(t => t.Length > 0).ToArray(),
            JsonValueKind.String => tags.GetString()!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
            _ => [],
        };
    }
}
