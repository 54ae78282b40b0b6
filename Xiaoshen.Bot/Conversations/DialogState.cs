namespace Xiaoshen.Bot.Conversations;

/// <summary>
/// What Xiaoshen remembers between turns of one conversation. Persisted as Bot Framework conversation state (JSON in the
/// database), so a restart loses nothing. Public setters only for the serializer.
/// </summary>
public sealed class DialogState
{
    /// <summary>The matter being talked about, so follow-ups (那要带什么材料) are answered for it.</summary>
    public string? CurrentMatterId { get; set; }

    /// <summary>The paragraph last answered with (<c>matter#3</c>), so a follow-up that two FAQs fit alike stays with it.</summary>
    public string? ShownContentId { get; set; }

    /// <summary>Candidate matters offered by the last clarify question.</summary>
    public List<string> PendingClarify { get; set; } = [];

    /// <summary>
    /// When the last clarify question offered the current matter's section beside new matters (the first of
    /// <see cref="PendingClarify"/>), the section it offered.
    /// </summary>
    public Knowledge.Content.SectionKind? PendingFollowUpSection { get; set; }

    /// <summary>
    /// A question that asked only a section and named no matter (要带什么材料 as a first question), masked, which was asked
    /// back: the next message that is answered without asking a section of its own (居住证) is answered for both together.
    /// </summary>
    public string? QuestionOfNoMatter { get; set; }

    /// <summary>
    /// The last question, masked, when it was answered as being about another place: 那上海呢 next asks it of Shanghai.
    /// </summary>
    public string? OtherPlaceQuestion { get; set; }

    /// <summary>Questions in a row that could not be answered confidently.</summary>
    public int LowConfidenceStreak { get; set; }

    /// <summary>
    /// The matter those questions most plausibly were about (the first one offered to the person as a button), to route the
    /// offer of a person to its department; null when none was offered.
    /// </summary>
    public string? LowConfidenceMatterId { get; set; }

    /// <summary>The last answer, for 有帮助 / 没帮助.</summary>
    public Guid? LastAnswerTurnId { get; set; }

    /// <summary>The matter of the last answer, to route a 没帮助 to its department.</summary>
    public string? LastAnswerMatterId { get; set; }

    /// <summary>Numbers, dates and phone numbers mentioned so far, newest last (kept for call-backs).</summary>
    public List<RecognizedEntity> Entities { get; set; } = [];

    /// <summary>A person was offered (not yet given) a human agent, and why: accepting keeps that reason.</summary>
    public HandoffReason? OfferedHandoff { get; set; }

    /// <summary>The matter whose department that offer named: accepting goes to the department the person was told of.</summary>
    public string? OfferedHandoffMatterId { get; set; }

    /// <summary>Asking where an unrouted handoff should go (个人/企业, then the topic).</summary>
    public HandoffRoutingStep RoutingStep { get; set; }

    public HandoffReason? RoutingReason { get; set; }

    /// <summary>The person's last question Xiaoshen searched for, masked (offered as the question of a call-back message).</summary>
    public string? LastQuestion { get; set; }

    /// <summary>A call-back message (留言) being taken, when one is.</summary>
    public CallbackDraft? Callback { get; set; }

    /// <summary>A material pre-review under way (issue 16), when one is.</summary>
    public PreReview.PreReviewDialogState? PreReview { get; set; }

    /// <summary>The person asked to rate 小申 (评价小申): the next message, if a rating, rates it.</summary>
    public bool BotRatingAsked { get; set; }

    /// <summary>小申 was rated in this conversation (once only).</summary>
    public bool BotRated { get; set; }

    /// <summary>A rating (of a human service or of 小申) was given: the same words again are told so, not searched.</summary>
    public bool Rated { get; set; }

    /// <summary>
    /// A bad rating was given without a comment and its comment was asked for: the next message may be it
    /// (<see cref="Handoff.ServiceRatings.CommentAsync"/> decides, from the rating's row).
    /// </summary>
    public bool CommentWanted { get; set; }

    /// <summary>A booking of in-person help (线下帮办) under way, when one is.</summary>
    public Booking.BookingDialogState? Booking { get; set; }

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
