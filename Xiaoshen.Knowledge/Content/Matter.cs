namespace Xiaoshen.Knowledge.Content;

/// <summary>A government matter (事项) as loaded from <c>matters/&lt;id&gt;.md</c>. Immutable; safe to share across threads.</summary>
public sealed record Matter
{
    /// <summary>The catalogue id, e.g. <c>gjj-retire-withdraw</c>.</summary>
    public required string Id { get; init; }

    /// <summary>The official name.</summary>
    public required string Name { get; init; }

    /// <summary>Nicknames, 简称 and colloquial names citizens type.</summary>
    public IReadOnlyList<string> Aliases { get; init; } = [];

    /// <summary>个人 or 企业.</summary>
    public required string Audience { get; init; }

    /// <summary>The responsible department's name, as in <c>departments.yaml</c>.</summary>
    public required string Department { get; init; }

    /// <summary>What the matter is, in a sentence: the first line of its overview (hot-matter buttons, a question that only names it).</summary>
    public string? Summary { get; init; }

    /// <summary>The online entry: a path in words, the search words, and the matter's own page when known.</summary>
    public OnlineEntry? Entry { get; init; }

    /// <summary>Legal time limit (法定时限).</summary>
    public string? LegalTimeLimit { get; init; }

    /// <summary>Promised time limit (承诺时限).</summary>
    public string? PromisedTimeLimit { get; init; }

    /// <summary>Fee in words.</summary>
    public string? Fee { get; init; }

    /// <summary>When editors last checked the content.</summary>
    public DateOnly? Updated { get; init; }

    /// <summary>First day the content applies; null means always.</summary>
    public DateOnly? Effective { get; init; }

    /// <summary>Last day the content applies; null means no end.</summary>
    public DateOnly? Expires { get; init; }

    /// <summary>Where an editor verifies this content.</summary>
    public string? Source { get; init; }

    /// <summary>True when the bot must hand this matter to a person instead of answering.</summary>
    public bool HumanOnly { get; init; }

    /// <summary>The sections other than 常见问题, keyed by kind.</summary>
    public IReadOnlyDictionary<SectionKind, MatterSection> Sections { get; init; } = new Dictionary<SectionKind, MatterSection>();

    /// <summary>The FAQs, in file order.</summary>
    public IReadOnlyList<Faq> Faqs { get; init; } = [];

    /// <summary>The documents to photograph and the checks made when the person asks for 材料预审; null when the matter has none.</summary>
    public PreReviewChecklist? PreReview { get; init; }

    /// <summary>The file the matter came from, relative to the content folder.</summary>
    public required string File { get; init; }

    /// <summary>1-based line of the <c>department</c> key, for validation messages.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public int DepartmentLine { get; init; }

    /// <summary>True when the matter applies on <paramref name="day"/> (effective/expires honoured).</summary>
    public bool IsInForce(DateOnly day) => (Effective is null || Effective <= day) && (Expires is null || day <= Expires);
}
