using Microsoft.AspNetCore.Http.HttpResults;
using Xiaoshen.Knowledge.Content;
using Xiaoshen.Knowledge.Indexing;
using Xiaoshen.Knowledge.Search;

namespace Xiaoshen.Bot.KnowledgeAdmin;

/// <summary>
/// Read-only knowledge endpoints: what build serves and what is wrong with the content (for editors and operators),
/// and the decision for a question (for trying the search without a channel).
/// </summary>
internal static class KnowledgeEndpoints
{
    private const int MaxQuestionLength = 500;

    public static IEndpointRouteBuilder MapKnowledgeEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/knowledge");
        group.MapGet("/status", GetStatus);
        group.MapGet("/ask", Ask);
        return app;
    }

    private static Results<Ok<KnowledgeStatus>, ProblemHttpResult> GetStatus(KnowledgeSearch search, KnowledgeIndexer indexer)
    {
        if (!search.IsReady)
        {
            return TypedResults.Problem("The knowledge index is not built yet.", statusCode: StatusCodes.Status503ServiceUnavailable);
        }

        var build = search.Build;
        return TypedResults.Ok(new KnowledgeStatus(
            build.Id,
            build.CreatedAt,
            build.Matters,
            build.Faqs,
            build.Calibration.AnswerThreshold,
            build.Calibration.ClarifyThreshold,
            build.Calibration.Note,
            indexer.LastFailure,
            indexer.LastProblems.Select(p => p.ToString()).ToList()));
    }

    private static async Task<Results<Ok<AskResponse>, ValidationProblem>> Ask(
        string? q, string? matter, KnowledgeSearch search, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(q) || q.Length > MaxQuestionLength)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["q"] = [$"q is required and at most {MaxQuestionLength} characters."],
            });
        }

        var answer = await search.AskAsync(q, new SearchRequest { CurrentMatterId = matter }, cancellationToken);
        return TypedResults.Ok(AskResponse.From(answer));
    }
}

internal sealed record KnowledgeStatus(
    string Build,
    DateTimeOffset BuiltAt,
    int Matters,
    int Faqs,
    double AnswerThreshold,
    double ClarifyThreshold,
    string Calibration,
    string? LastFailure,
    IReadOnlyList<string> Problems);

internal sealed record AskResponse(
    string Decision,
    string Reason,
    double Confidence,
    string? MatterId,
    string? MatterName,
    string? FaqId,
    string? Section,
    string? Text,
    IReadOnlyList<SearchHit> Matters,
    string Build)
{
    /// <summary>What was answered: <c>matter#3</c>, <c>matter/Materials</c> or <c>matter/overview</c> (the overview's text is the summary).</summary>
    public string? Content { get; init; }

    public static AskResponse From(KnowledgeAnswer answer) => new(
        answer.Decision.ToString().ToLowerInvariant(),
        answer.Reason,
        answer.Confidence,
        answer.Matter?.Id,
        answer.Matter?.Name,
        answer.Faq?.Id,
        answer.Section?.Title,
        answer.Faq?.Answer ?? answer.Section?.Markdown ?? (answer.IsOverview ? answer.Matter?.Summary : null) ?? answer.Chitchat?.Answers[0],
        answer.Matters,
        answer.BuildId)
    {
        Content = answer.ContentId,
    };
}
