using System.ComponentModel.DataAnnotations;
using Xiaoshen.Bot.Conversations;

namespace Xiaoshen.Bot.Handoff;

/// <summary>What the person is told during a handoff and a call-back message (Chinese, from configuration).</summary>
public sealed class HandoffMessages : IValidatableObject
{
    public const string SectionName = "HandoffMessages";

    /// <summary>{Department}, {Status} (<see cref="WaitingStatus"/> or <see cref="WaitingStatusNobodyOnline"/>).</summary>
    [Required] public string Queued { get; set; } = string.Empty;

    /// <summary>{Ahead}, {Wait}: someone of the department is online.</summary>
    [Required] public string WaitingStatus { get; set; } = string.Empty;

    /// <summary>{Ahead}, {Department}: nobody of the department is online; offers a message for a call-back.</summary>
    [Required] public string WaitingStatusNobodyOnline { get; set; } = string.Empty;

    /// <summary>{Status}: told once per <see cref="HandoffOptions.WaitingUpdateSeconds"/> while waiting.</summary>
    [Required] public string WaitingUpdate { get; set; } = string.Empty;

    /// <summary>{Department} (the agent's own), {Agent}: taken at once.</summary>
    [Required] public string Connected { get; set; } = string.Empty;

    /// <summary>{Department} (the agent's own), {Agent}: taken from the queue later.</summary>
    [Required] public string Accepted { get; set; } = string.Empty;

    /// <summary>Who an agent is when none of their groups is a department's (a supervisor of the backup group).</summary>
    [Required] public string DutyTeam { get; set; } = string.Empty;

    /// <summary>{Ahead}: a message written while waiting.</summary>
    [Required] public string WaitingAck { get; set; } = string.Empty;

    [Required] public string Cancelled { get; set; } = string.Empty;

    /// <summary>{Department}, {Status} (empty when an agent took it at once).</summary>
    [Required] public string Transferred { get; set; } = string.Empty;

    /// <summary>{Agent}, {Status}: the agent went away and the conversation waits again.</summary>
    [Required] public string AgentLost { get; set; } = string.Empty;

    [Required] public string ClosedRate { get; set; } = string.Empty;

    /// <summary>非常满意, 满意, 基本满意, 不满意, 非常不满意 in that order (GB/T 39734-2020, see <see cref="RatingLevels.Offered"/>).</summary>
    [MinLength(RatingLevels.Count), MaxLength(RatingLevels.Count)] public string[] Ratings { get; set; } = [];

    [Required] public string RatingThanks { get; set; } = string.Empty;

    /// <summary>After a bad rating without a comment: what went wrong? The next message is kept as the comment.</summary>
    [Required] public string RatingAskComment { get; set; } = string.Empty;

    /// <summary>The button (and word) declining to comment.</summary>
    [Required] public string SkipComment { get; set; } = string.Empty;

    [Required] public string CommentThanks { get; set; } = string.Empty;

    [Required] public string CommentSkipped { get; set; } = string.Empty;

    /// <summary>The button and words with which the person rates 小申 itself.</summary>
    [Required] public string RateBotButton { get; set; } = string.Empty;

    [Required] public string RateBotPrompt { get; set; } = string.Empty;

    /// <summary>A rating sent again after one was given: each service is rated once.</summary>
    [Required] public string AlreadyRated { get; set; } = string.Empty;

    /// <summary>{Minutes}.</summary>
    [Required] public string PersonSilentReminder { get; set; } = string.Empty;

    [Required] public string PersonSilentClosed { get; set; } = string.Empty;

    /// <summary>{Department}.</summary>
    [Required] public string DepartmentClosedWhileWaiting { get; set; } = string.Empty;

    /// <summary>{Minutes}.</summary>
    [Required] public string WaitMinutes { get; set; } = string.Empty;

    [Required] public string WaitUnderMinute { get; set; } = string.Empty;

    /// <summary>No wait measured lately, or nobody to measure it by: no figure is promised.</summary>
    [Required] public string WaitUnknown { get; set; } = string.Empty;

    /// <summary>The button and the words that ask for a person.</summary>
    [Required] public string HumanButton { get; set; } = string.Empty;

    /// <summary>{Department}, {Hours}: a person could help now (after two misses, 没帮助 or frustration).</summary>
    [Required] public string OfferNow { get; set; } = string.Empty;

    /// <summary>{Department}, {Hours}: in hours, but nobody of the department is online; offers the queue and a message.</summary>
    [Required] public string OfferNowNobodyOnline { get; set; } = string.Empty;

    /// <summary>{Department}, {Hours}, {Next}, {Phone}: nobody online; offer a message for a call-back.</summary>
    [Required] public string OfferMessage { get; set; } = string.Empty;

    /// <summary>{Department}, {Hours}, {Phone}: nobody online within the next weeks (no calendar).</summary>
    [Required] public string NoOpeningKnown { get; set; } = string.Empty;

    [Required] public string AskAudience { get; set; } = string.Empty;

    [Required] public string AudiencePersonal { get; set; } = string.Empty;

    [Required] public string AudienceBusiness { get; set; } = string.Empty;

    [Required] public string AskTopic { get; set; } = string.Empty;

    [Required] public string LeaveMessageButton { get; set; } = string.Empty;

    [Required] public string AskQuestion { get; set; } = string.Empty;

    [Required] public string SameQuestionButton { get; set; } = string.Empty;

    [Required] public string AskPhone { get; set; } = string.Empty;

    [Required] public string BadPhone { get; set; } = string.Empty;

    [Required] public string AskTime { get; set; } = string.Empty;

    [Required] public string AnyTime { get; set; } = string.Empty;

    /// <summary>The preferred call-back time with the date it means: {Words}, {Month}, {Day}, {Weekday}.</summary>
    [Required] public string PreferredTime { get; set; } = string.Empty;

    /// <summary>{Question}, {Phone} (masked), {Time}.</summary>
    [Required] public string ConfirmMessage { get; set; } = string.Empty;

    [Required] public string ConfirmWord { get; set; } = string.Empty;

    [Required] public string CancelWord { get; set; } = string.Empty;

    /// <summary>{Number}, {Department}, {Due}, {Phone} (masked).</summary>
    [Required] public string MessageTaken { get; set; } = string.Empty;

    [Required] public string MessageCancelled { get; set; } = string.Empty;

    /// <summary>The conversation or address left as many messages as allowed today: {Phone} (the department's).</summary>
    [Required] public string MessageLimit { get; set; } = string.Empty;

    /// <summary>The database did not take the ticket; the person may confirm again: {Phone} (the department's).</summary>
    [Required] public string MessageNotSaved { get; set; } = string.Empty;

    /// <summary>The call-back number kept encrypted in the dialog could not be read back (the keys changed): ask for it again.</summary>
    [Required] public string PhoneAskedAgain { get; set; } = string.Empty;

    /// <summary>Shown to agents when the person's channel cannot receive messages outside a turn.</summary>
    [Required] public string ChannelCannotDeliver { get; set; } = string.Empty;

    /// <summary>Each <see cref="Conversations.HandoffReason"/> in words, for the notes agents read.</summary>
    [MinLength(5)] public Dictionary<string, string> ReasonNames { get; set; } = [];

    /// <summary>Shown to agents in the transcript: {Reason}.</summary>
    [Required] public string QueuedNote { get; set; } = string.Empty;

    /// <summary>Shown to agents: {From}, {To}, {Agent}, {Note}.</summary>
    [Required] public string TransferNote { get; set; } = string.Empty;

    /// <summary>Plain forms of the texts above for elder mode (长辈版), by property name; see <see cref="ConversationMessages.Plain"/>.</summary>
    public Dictionary<string, string> Plain { get; set; } = [];

    /// <summary>These texts with their plain forms put in.</summary>
    public HandoffMessages WithPlainWording() => PlainWording.Apply(this, Plain);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext) => PlainWording.Check(this, Plain, SectionName);
}
