using System.Text.Json;

namespace Xiaoshen.Tests.Cli;

/// <summary>The CLI verbs as scripts use them: exit codes, and nothing but the report on standard output.</summary>
public sealed class CliTests : IDisposable
{
    private readonly TestKnowledgeBase _kb = new();

    public void Dispose() => _kb.Dispose();

    [Fact]
    public async Task ValidatePrintsAOneLineSummaryAndExitsZero()
    {
        var (exit, stdout, _) = await Run("kb", "validate", "--path", _kb.ContentPath);

        Assert.Equal(0, exit);
        Assert.Contains("6 matters", stdout, StringComparison.Ordinal);
        Assert.Contains("5 departments", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ValidatePrintsEveryErrorWithFileAndLineAndExitsOne()
    {
        _kb.Replace("matters/sb-card.md", "department: 上海市人力资源和社会保障局", "department: 不存在的局");
        _kb.Write("synonyms.txt", "a =>\n");

        var (exit, stdout, _) = await Run("kb", "validate", "--path", _kb.ContentPath);

        Assert.Equal(1, exit);
        Assert.Contains($"matters/sb-card.md:{_kb.LineOf("matters/sb-card.md", "department:")}", stdout, StringComparison.Ordinal);
        Assert.Contains("synonyms.txt:1", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EvalJsonPrintsExactlyOneJsonObjectAndWritesDetails()
    {
        var details = Path.Combine(_kb.Root, "details.jsonl");

        var (exit, stdout, _) = await Run("eval", "--questions", _kb.PathOf("eval/dev.jsonl"), "--kb", _kb.ContentPath, "--json", "--details", details);

        Assert.Equal(0, exit);
        using var report = JsonDocument.Parse(stdout);
        Assert.Equal(35, report.RootElement.GetProperty("questions").GetInt32());
        var lines = await File.ReadAllLinesAsync(details);
        Assert.Equal(35, lines.Length);
        using var first = JsonDocument.Parse(lines[0]);
        Assert.Equal(["q", "decision", "matters", "confidence", "reason", "expected", "content"], first.RootElement.EnumerateObject().Select(p => p.Name).ToArray());
    }

    [Fact]
    public async Task EvalNamesTheLineThatIsNotJsonAndExitsNonZero()
    {
        var questions = Path.Combine(_kb.Root, "bad.jsonl");
        await File.WriteAllLinesAsync(questions, ["{\"q\": \"护照怎么办\"}", "{\"q\": oops}"]);

        var (exit, stdout, stderr) = await Run("eval", "--questions", questions, "--kb", _kb.ContentPath, "--json");

        Assert.Equal(2, exit);
        Assert.Equal(string.Empty, stdout.Trim());
        Assert.Contains("bad.jsonl:2", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownCommandsExplainUsage()
    {
        var (exit, _, stderr) = await Run("kb", "frobnicate");

        Assert.Equal(2, exit);
        Assert.Contains("kb validate", stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--help")]
    [InlineData("-h")]
    [InlineData("help")]
    public async Task AskingForHelpListsTheVerbsAndStartsNothing(string help)
    {
        // In Production with nothing configured, a start would be refused with exit 1; help answers 0 with the verbs.
        var (exit, stdout, _) = await Run(help);

        Assert.Equal(0, exit);
        Assert.Contains("kb validate", stdout, StringComparison.Ordinal);
        Assert.Contains("accounts add", stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("Refusing to start", stdout, StringComparison.Ordinal);
    }

    private Task<(int ExitCode, string Stdout, string Stderr)> Run(params string[] args) =>
        CliProcess.RunAsync(_kb.Root, [.. args]);
}
