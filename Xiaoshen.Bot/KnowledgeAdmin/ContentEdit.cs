namespace Xiaoshen.Bot.KnowledgeAdmin;

/// <summary>What an editor did with a group of unanswered questions on the knowledge page.</summary>
public enum ContentEditAction
{
    /// <summary>The wording was added to a matter's FAQ as a new phrasing (也问).</summary>
    Attach,

    /// <summary>The wording was added to the out-of-scope list.</summary>
    OutOfScope,

    /// <summary>Nothing written; the questions are no longer listed.</summary>
    Ignore,
}

/// <summary>
/// One edit made from the console, kept as the audit trail of the content: who, when, what was written to which file,
/// and whether it was written or refused (and why). The questions it covered are no longer listed as unanswered, unless
/// they are asked again afterwards.
/// </summary>
public sealed class ContentEdit
{
    private ContentEdit()
    {
    }

    public Guid Id { get; private set; }

    public DateTimeOffset At { get; private set; }

    public string HumanAgentId { get; private set; } = string.Empty;

    public ContentEditAction Action { get; private set; }

    /// <summary>The phrasing written (masked of personal numbers), or the group's wording when ignored.</summary>
    public string Wording { get; private set; } = string.Empty;

    public string? MatterId { get; private set; }

    public int? FaqNumber { get; private set; }

    /// <summary>The out-of-scope topic.</summary>
    public string? Topic { get; private set; }

    /// <summary>The file written, relative to the content folder.</summary>
    public string? File { get; private set; }

    /// <summary><c>written</c>, <c>ignored</c>, or the refusal (<see cref="Xiaoshen.Knowledge.Content.ContentEditFailure"/>).</summary>
    public string Outcome { get; private set; } = string.Empty;

    /// <summary>The question texts (masked) the edit covers, one a line.</summary>
    public string Covers { get; private set; } = string.Empty;

    /// <summary>The index build serving when the edit was made.</summary>
    public string? BuildId { get; private set; }

    public bool Succeeded => Outcome is WrittenOutcome or IgnoredOutcome;

    public const string WrittenOutcome = "written";
    public const string IgnoredOutcome = "ignored";

    public IReadOnlyList<string> CoveredTexts => Covers.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    public static ContentEdit Record(
        string humanAgentId, DateTimeOffset at, ContentEditAction action, string wording, IEnumerable<string> covers, string outcome, string? buildId,
        string? matterId = null, int? faqNumber = null, string? topic = null, string? file = null) => new()
        {
            Id = Guid.NewGuid(),
            At = at,
            HumanAgentId = humanAgentId,
            Action = action,
            Wording = wording,
            MatterId = matterId,
            FaqNumber = faqNumber,
            Topic = topic,
            File = file,
            Outcome = outcome,
            Covers = string.Join('\n', covers.Select(c => c.ReplaceLineEndings(" "))),
            BuildId = buildId,
        };
}
