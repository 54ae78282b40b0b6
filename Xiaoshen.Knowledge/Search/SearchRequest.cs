namespace Xiaoshen.Knowledge.Search;

/// <summary>Options for one question.</summary>
public sealed record SearchRequest
{
    /// <summary>The matter the conversation is about, so a follow-up like 那要带什么材料 is answered for it.</summary>
    public string? CurrentMatterId { get; init; }

    /// <summary>How many ranked matters to return (1–20).</summary>
    public int Top { get; init; } = 5;
}
