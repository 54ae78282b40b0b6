namespace Xiaoshen.Knowledge.Content;

/// <summary>The outcome of loading a content folder.</summary>
/// <param name="Knowledge">The loaded content, or null when there were errors.</param>
/// <param name="Problems">Every error and warning found, with file and line.</param>
public sealed record ContentLoadResult(KnowledgeBase? Knowledge, IReadOnlyList<ContentProblem> Problems)
{
    /// <summary>The errors only.</summary>
    public IEnumerable<ContentProblem> Errors => Problems.Where(p => p.Severity == ProblemSeverity.Error);

    /// <summary>True when the content can be served.</summary>
    public bool IsValid => Knowledge is not null;
}
