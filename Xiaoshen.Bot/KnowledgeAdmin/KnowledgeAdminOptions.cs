namespace Xiaoshen.Bot.KnowledgeAdmin;

/// <summary>Who may use the knowledge endpoints besides signed-in staff.</summary>
public sealed class KnowledgeAdminOptions
{
    public const string SectionName = "KnowledgeAdmin";

    /// <summary>
    /// Let anyone call <c>/api/knowledge/ask</c> outside Development and Testing (where it is always open). Off by
    /// default: it runs a full search per call and shows the decision's internals.
    /// </summary>
    public bool AnonymousAsk { get; set; }
}
