using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Xiaoshen.Bot.Handoff;
using Xiaoshen.Bot.Hosting;
using Xiaoshen.Knowledge.Content;
using Xiaoshen.Knowledge.Indexing;
using Xiaoshen.Knowledge.Search;

namespace Xiaoshen.Bot.KnowledgeAdmin;

/// <summary>
/// Read-only knowledge endpoints: what build serves and what is wrong with the content (a summary for anyone, the
/// details for editors, supervisors and admins), and the decision for a question (for trying the search without a
/// channel; staff only outside Development and Testing unless <see cref="KnowledgeAdminOptions.AnonymousAsk"/>).
/// </summary>
internal static class KnowledgeEndpoints
{
    /// <summary>The longest question the ask endpoint and the console's hit test take.</summary>
    public const int MaxQuestionLength = 500;

    private static readonly string[] StatusRoles = [HumanAgent.EditorRole, HumanAgent.SupervisorRole, HumanAgent.AdminRole];

    public static IHostApplicationBuilder AddKnowledgeAdmin(this IHostApplicationBuilder builder)
    {
        var open = builder.Environment.IsDevelopmentOrTesting();
        builder.Services.AddOptions<KnowledgeAdminOptions>()
            .BindConfiguration(KnowledgeAdminOptions.SectionName)
            .PostConfigure(o => o.AnonymousAsk |= open) // tests, docs and a newcomer try the search without signing in
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSingleton<UnansweredQuestions>();
        builder.Services.AddSingleton<KnowledgeEditing>();
        builder.Services.AddSingleton<BuildEvaluations>();
        builder.Services.AddHostedService(s => s.GetRequiredService<BuildEvaluations>());
        return builder;
    }

    public static IEndpointRouteBuilder MapKnowledgeEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/knowledge");
        group.MapGet("/status", GetStatus);
        group.MapGet("/ask", Ask);
        return app;
    }

    // Content problems name files and lines, and thresholds tell how to game the decision: staff only.
    private static Results<Ok<KnowledgeStatus>, Ok<KnowledgeSummary>, ProblemHttpResult> GetStatus(ClaimsPrincipal user, KnowledgeSearch search, KnowledgeIndexer indexer)
    {
        if (!search.IsReady)
        {
            return TypedResults.Problem("The knowledge index is not built yet.", statusCode: StatusCodes.Status503ServiceUnavailable);
        }

        var build = search.Build;
        var healthy = indexer.LastFailure is null;
        if (!StatusRoles.Any(user.IsInRole))
        {
            return TypedResults.Ok(new KnowledgeSummary(build.Id, build.CreatedAt, build.Matters, build.Faqs, healthy));
        }

        return TypedResults.Ok(new KnowledgeStatus(
            build.Id,
            build.CreatedAt,
            build.Matters,
            build.Faqs,
            healthy,
            build.Calibration.AnswerThreshold,
            build.Calibration.ClarifyThreshold,
            build.Calibration.Note,
            indexer.LastFailure,
            indexer.LastProblems.Select(p => p.ToString()).ToList()));
    }

    private static async Task<Results<Ok<AskResponse>, ValidationProblem, UnauthorizedHttpResult>> Ask(
        string? q, string? matter, ClaimsPrincipal user, IOptions<KnowledgeAdminOptions> options, KnowledgeSearch search, CancellationToken cancellationToken)
    {
        if (!options.Value.AnonymousAsk && user.Identity?.IsAuthenticated != true)
        {
            return TypedResults.Unauthorized();
        }

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

/// <summary>What anyone may know: the build serving, its size, and whether the latest content built.</summary>
internal sealed record KnowledgeSummary(string Build, DateTimeOffset BuiltAt, int Matters, int Faqs, bool Healthy);

internal sealed record KnowledgeStatus(
    string Build,
    DateTimeOffset BuiltAt,
    int Matters,
    int Faqs,
    bool Healthy,
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
