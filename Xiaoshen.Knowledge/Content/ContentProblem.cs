namespace Xiaoshen.Knowledge.Content;

/// <summary>How serious a content problem is.</summary>
public enum ProblemSeverity
{
    /// <summary>The content cannot be served; the last good build stays in use.</summary>
    Error,

    /// <summary>Served, but an editor should look (e.g. a matter expiring soon).</summary>
    Warning,
}

/// <summary>A problem found while loading content, with where it is.</summary>
/// <param name="File">Path relative to the content folder.</param>
/// <param name="Line">1-based line, or 0 when the problem concerns the whole file.</param>
/// <param name="Message">What is wrong, in words an editor understands.</param>
/// <param name="Severity">Error or warning.</param>
public sealed record ContentProblem(string File, int Line, string Message, ProblemSeverity Severity = ProblemSeverity.Error)
{
    /// <inheritdoc />
    public override string ToString() => $"{File}:{Line}: {(Severity == ProblemSeverity.Error ? "error" : "warning")}: {Message}";
}
