namespace Xiaoshen.Knowledge.Search;

/// <summary>Options for one question.</summary>
public sealed record SearchRequest
{
    /// <summary>The matter the conversation is about, so a follow-up like 那要带什么材料 is answered for it.</summary>
    public string? CurrentMatterId { get; init; }

    /// <summary>
    /// The paragraph the person was last shown (<c>matter#3</c>): a follow-up that two of the current matter's FAQs fit
    /// alike (要登报吗 after the FAQ on a lost licence, whose matter also has one on 减资) stays with the one being read.
    /// </summary>
    public string? ShownContentId { get; init; }

    /// <summary>How many ranked matters to return (1–20).</summary>
    public int Top { get; init; } = 5;
}
