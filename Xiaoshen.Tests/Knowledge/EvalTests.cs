using System.Text.Json;
using Xiaoshen.Knowledge.Evaluation;

namespace Xiaoshen.Tests.Knowledge;

public sealed class EvalTests(KnowledgeFixture fixture) : IClassFixture<KnowledgeFixture>
{
    [Fact]
    public async Task ReportHasExactlyTheContractedShape()
    {
        var questions = await EvalQuestionReader.ReadAsync(Path.Combine(TestKnowledgeBase.Source, "eval", "dev.jsonl"));

        var (report, _) = await EvalRunner.RunAsync(fixture.Search, questions);
        using var json = JsonDocument.Parse(JsonSerializer.Serialize(report));
        var root = json.RootElement;

        // Issue 12 added figures after the original ones; the original fields keep their names, order and meaning.
        Assert.Equal(["questions", "matter", "oos", "human", "chitchat", "latency_ms", "index", "answered_wrong_of_all", "other_place", "by_kind", "by_group"], Names(root));
        Assert.Equal(["count", "top1", "top3", "mrr", "answered_correct", "answered_wrong", "clarified", "fallback", "helped"], Names(root.GetProperty("matter")));
        Assert.Equal(["count", "rejected"], Names(root.GetProperty("oos")));
        Assert.Equal(["count", "detected"], Names(root.GetProperty("human")));
        Assert.Equal(["count", "detected"], Names(root.GetProperty("chitchat")));
        Assert.Equal(["p50", "p99"], Names(root.GetProperty("latency_ms")));
        Assert.Equal(["matters", "faqs", "build"], Names(root.GetProperty("index")));
        Assert.Equal(questions.Count, root.GetProperty("questions").GetInt32());
        Assert.Equal(25, root.GetProperty("matter").GetProperty("count").GetInt32());
        Assert.Equal(fixture.Search.Build.Id, root.GetProperty("index").GetProperty("build").GetString());
    }

    [Fact]
    public async Task ScoresTheTestKnowledgeBaseWell()
    {
        var questions = await EvalQuestionReader.ReadAsync(Path.Combine(TestKnowledgeBase.Source, "eval", "dev.jsonl"));

        var (report, _) = await EvalRunner.RunAsync(fixture.Search, questions);

        Assert.True(report.Matter.Top3 >= 0.95, $"top3 {report.Matter.Top3}");
        Assert.True(report.Matter.AnsweredWrong <= 0.05, $"answered_wrong {report.Matter.AnsweredWrong}");
        Assert.Equal(1.0, report.Human.Detected);
        Assert.Equal(1.0, report.Chitchat.Detected);
    }

    [Fact]
    public async Task UnlabelledLinesAreAnsweredButNotScored()
    {
        EvalQuestion[] questions = [EvalQuestionReader.Parse("""{"q": "护照怎么办"}""", 1), EvalQuestionReader.Parse("""{"q": "转人工", "kind": "human", "matter": null}""", 2)];

        var (report, details) = await EvalRunner.RunAsync(fixture.Search, questions);

        Assert.Equal(2, report.Questions);
        Assert.Equal(0, report.Matter.Count);
        Assert.Equal(1, report.Human.Count);
        Assert.Equal(2, details.Count);
        Assert.Equal("answer", details[0].Decision);
        Assert.Equal("crj-passport", details[0].Matters[0].Id);
        Assert.Null(details[0].Expected);
    }

    // Issue 12, item 8: FAQ/section accuracy beside matter accuracy, and follow-ups asked after an earlier answer.
    [Fact]
    public async Task ReportsFaqAndSectionAccuracyGivenTheRightMatter()
    {
        EvalQuestion[] questions =
        [
            EvalQuestionReader.Parse("""{"q": "办护照多少钱", "kind": "matter", "matter": "crj-passport", "answer": ["crj-passport#3", "crj-passport/Fees"]}""", 1),
            EvalQuestionReader.Parse("""{"q": "办护照多少钱", "kind": "matter", "matter": "crj-passport", "answer": "crj-passport/Materials"}""", 2),
            EvalQuestionReader.Parse("""{"q": "那要带什么材料", "kind": "matter", "matter": "crj-passport", "answer": "crj-passport/Materials", "after": "crj-passport"}""", 3),
            EvalQuestionReader.Parse("""{"q": "社保卡丢了怎么补办", "kind": "matter", "matter": "sb-card"}""", 4),
        ];

        var (report, details) = await EvalRunner.RunAsync(fixture.Search, questions);

        var content = Assert.IsType<ContentScores>(report.Content);
        Assert.Equal(3, content.Count);
        Assert.Equal(1.0, content.RightMatter);
        Assert.Equal(0.6667, content.ContentGivenMatter);
        Assert.Equal("crj-passport/Materials", details[2].Content);
        using var json = JsonDocument.Parse(JsonSerializer.Serialize(report));
        Assert.Equal(["count", "right_matter", "right_content", "content_given_matter", "overview"], Names(json.RootElement.GetProperty("content")));
    }

    [Theory]
    [InlineData("{\"q\": \"x\", \"kind\": \"matter\", \"matter\": \"sb-card\", \"answer\": 3}", "\"answer\" must be")]
    [InlineData("{\"q\": \"x\", \"kind\": \"matter\", \"matter\": \"sb-card\", \"answer\": [\"Materials\"]}", "matter/Materials")]
    public void NamesTheLineOfAMalformedAnswerLabel(string line, string message)
    {
        var error = Assert.Throws<EvalInputException>(() => EvalQuestionReader.Parse(line, 7, "sections.jsonl"));

        Assert.Contains("sections.jsonl:7", error.Message, StringComparison.Ordinal);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"q\": \"x\"", "not valid JSON")]
    [InlineData("[1, 2]", "expected an object")]
    [InlineData("{\"q\": \"x\", \"kind\": \"question\"}", "unknown kind")]
    [InlineData("{\"q\": \"x\", \"kind\": \"matter\"}", "needs a \"matter\"")]
    public void RejectsBadLinesNamingTheLine(string line, string message)
    {
        var ex = Assert.Throws<EvalInputException>(() => EvalQuestionReader.Parse(line, 7, "dev.jsonl"));

        Assert.StartsWith("dev.jsonl:7:", ex.Message, StringComparison.Ordinal);
        Assert.Contains(message, ex.Message, StringComparison.Ordinal);
    }

    private static string[] Names(JsonElement element) => element.EnumerateObject().Select(p => p.Name).ToArray();
}
