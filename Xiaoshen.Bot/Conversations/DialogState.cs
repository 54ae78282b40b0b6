namespace Xiaoshen.Bot.Conversations;

/// <summary>
/// What Xiaoshen remembers between turns of one conversation. Persisted as Bot Framework conversation state (JSON in the
/// database), so a restart loses nothing. Public setters only for the serializer.
/// </summary>
public sealed class DialogState
{
    /// <summary>The matter being talked about, so follow-ups (那要带什么材料) are answered for it.</summary>
    public string? CurrentMatterId { get; set; }

    /// <summary>Candidate matters offered by the last clarify question.</summary>
    public List<string> PendingClarify { get; set; } = [];

    /// <summary>Questions in a row that could not be answered confidently.</summary>
    public int LowConfidenceStreak { get; set; }

    /// <summary>The last answer, for 有帮助 / 没帮助.</summary>
    public Guid? LastAnswerTurnId { get; set; }

    /// <summary>The matter of the last answer, to route a 没帮助 to its department.</summary>
    public string? LastAnswerMatterId { get; set; }

    /// <summary>Numbers, dates and phone numbers mentioned so far, newest last (kept for call-backs).</summary>
    public List<RecognizedEntity> Entities { get; set; } = [];

    private const int MaxEntities = 20;

    public void Remember(IEnumerable<RecognizedEntity> entities)
    {
        Entities.AddRange(entities);
        if (Entities.Count > MaxEntities)
        {
            Entities.RemoveRange(0, Entities.Count - MaxEntities);
        }
    }
}
