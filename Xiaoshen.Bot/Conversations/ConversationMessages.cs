using System.ComponentModel.DataAnnotations;

namespace Xiaoshen.Bot.Conversations;

/// <summary>
/// Every text Xiaoshen says that does not come from the knowledge base. Bound from the <c>ConversationMessages</c>
/// section (appsettings.json holds the Chinese defaults); placeholders in braces are filled in when sent.
/// </summary>
public sealed class ConversationMessages : IValidatableObject
{
    public const string SectionName = "ConversationMessages";

    [Required] public string Welcome { get; set; } = string.Empty;

    /// <summary>Matter ids offered on the welcome menu for individuals.</summary>
    [MinLength(1)] public string[] HotMattersPersonal { get; set; } = [];

    /// <summary>Matter ids offered on the welcome menu for businesses.</summary>
    [MinLength(1)] public string[] HotMattersBusiness { get; set; } = [];

    /// <summary>
    /// How many personal hot matters the welcome shows itself; the rest are behind <see cref="MorePersonalButton"/>, and the
    /// businesses' behind <see cref="BusinessButton"/>, so the welcome stays in view on a small screen (issue 15).
    /// </summary>
    [Range(0, 10)] public int HotMattersShown { get; set; } = 3;

    [Required] public string MorePersonalButton { get; set; } = string.Empty;

    [Required] public string BusinessButton { get; set; } = string.Empty;

    /// <summary>Before the full list of personal hot matters.</summary>
    [Required] public string HotMattersPersonalIntro { get; set; } = string.Empty;

    /// <summary>Before the list of business hot matters.</summary>
    [Required] public string HotMattersBusinessIntro { get; set; } = string.Empty;

    [Required] public string EntryButton { get; set; } = string.Empty;

    [Required] public string Helpful { get; set; } = string.Empty;

    [Required] public string NotHelpful { get; set; } = string.Empty;

    /// <summary>Under every answer: {Department}, {Updated}.</summary>
    [Required] public string AnswerSource { get; set; } = string.Empty;

    [Required] public string ClarifyPrompt { get; set; } = string.Empty;

    /// <summary>Before the plausible matters of a question that describes a situation without naming a matter.</summary>
    [Required] public string ClarifyPlausible { get; set; } = string.Empty;

    /// <summary>A question that may follow up on the current matter or start a new one: {Matter}, {Section}.</summary>
    [Required] public string ClarifyFollowUp { get; set; } = string.Empty;

    /// <summary>A question that may be about the current matter or another, and asks no section (能打印吗): {Matter}.</summary>
    [Required] public string ClarifyFollowUpMatter { get; set; } = string.Empty;

    /// <summary>The same question when no other matter is worth a button (几点了 after an answer): {Matter}, {Section}.</summary>
    [Required] public string ClarifyFollowUpAlone { get; set; } = string.Empty;

    /// <summary>The same for a question that asks no section, when no other matter is worth a button: {Matter}.</summary>
    [Required] public string ClarifyFollowUpMatterAlone { get; set; } = string.Empty;

    /// <summary>The button for the current matter's section in that question: {Matter}, {Section}.</summary>
    [Required] public string ClarifySameMatter { get; set; } = string.Empty;

    /// <summary>Heading of who may apply, in a matter's overview.</summary>
    [Required] public string OverviewWho { get; set; } = string.Empty;

    /// <summary>Heading of how to apply, in a matter's overview.</summary>
    [Required] public string OverviewHow { get; set; } = string.Empty;

    /// <summary>Where to apply online when the matter has no page of its own: {Path}.</summary>
    [Required] public string EntryPath { get; set; } = string.Empty;

    /// <summary>The search path on 随申办 / 一网通办: {Search}.</summary>
    [Required] public string EntrySearch { get; set; } = string.Empty;

    /// <summary>
    /// The answer to a question about what the matter's content does not state (有效期 of a 公积金 withdrawal): {Matter},
    /// {Thing}. The overview's section buttons follow.
    /// </summary>
    [Required] public string Unstated { get; set; } = string.Empty;

    [Required] public string Fallback { get; set; } = string.Empty;

    [Required] public string FallbackClosest { get; set; } = string.Empty;

    [Required] public string FallbackOfferHuman { get; set; } = string.Empty;

    /// <summary>A question about a topic the editors listed as not in the catalogue (残疾人补贴): said plainly, nothing offered.</summary>
    [Required] public string FallbackNotInCatalogue { get; set; } = string.Empty;

    /// <summary>A question that asked only a section (要带什么材料) with no matter talked about: {Section}.</summary>
    [Required] public string AskWhichMatter { get; set; } = string.Empty;

    /// <summary>A question that asked nothing but a way of asking (有效期几年, 多久能拿到) with no matter talked about.</summary>
    [Required] public string AskWhichMatterOfQuestion { get; set; } = string.Empty;

    [Required] public string OtherRegion { get; set; } = string.Empty;

    [Required] public string Empty { get; set; } = string.Empty;

    [Required] public string Unsupported { get; set; } = string.Empty;

    /// <summary>A voice message whose words could not be recognised (no speech service, or nothing heard).</summary>
    [Required] public string VoiceNotRecognised { get; set; } = string.Empty;

    [Required] public string FeedbackThanks { get; set; } = string.Empty;

    [Required] public string FeedbackNothingToRate { get; set; } = string.Empty;

    [Required] public string NotHelpfulApology { get; set; } = string.Empty;

    [Required] public string LowConfidenceOffer { get; set; } = string.Empty;

    [Required] public string FrustrationApology { get; set; } = string.Empty;

    [Required] public string HumanOnlyMatter { get; set; } = string.Empty;

    /// <summary>Agents online now: {Department}, {Hours}, {Phone}.</summary>
    [Required] public string HumanOpenNow { get; set; } = string.Empty;

    /// <summary>Agents offline: {Department}, {Hours}, {Next}, {Phone}.</summary>
    [Required] public string HumanClosed { get; set; } = string.Empty;

    /// <summary>Working-day hours: {Periods}.</summary>
    [Required] public string HoursWorkdays { get; set; } = string.Empty;

    /// <summary>Weekend hours: {Periods}.</summary>
    [Required] public string HoursWeekend { get; set; } = string.Empty;

    /// <summary>Date and time of the next opening: {Month}, {Day}, {Weekday}, {Time}.</summary>
    [Required] public string NextOpening { get; set; } = string.Empty;

    /// <summary>Day names from Sunday to Saturday.</summary>
    [Length(7, 7)] public string[] Weekdays { get; set; } = [];

    [Required] public string TurnError { get; set; } = string.Empty;

    /// <summary>The database did not confirm the turn in time (issue 11): nothing was answered, the conversation is kept.</summary>
    [Required] public string StorageBusy { get; set; } = string.Empty;

    /// <summary>A file of a type that is not accepted: {Name}.</summary>
    [Required] public string UploadRefusedType { get; set; } = string.Empty;

    /// <summary>A file over the size limit: {Name}, {Limit}.</summary>
    [Required] public string UploadTooLarge { get; set; } = string.Empty;

    /// <summary>A file whose content is not of the type it claims: {Name}.</summary>
    [Required] public string UploadMismatch { get; set; } = string.Empty;

    /// <summary>The conversation's files are at their limit: {Name}, {Count}, {Limit}.</summary>
    [Required] public string UploadQuotaConversation { get; set; } = string.Empty;

    /// <summary>Today's files are at their limit: {Name}.</summary>
    [Required] public string UploadQuotaDaily { get; set; } = string.Empty;

    /// <summary>A message over the length cap, which is not read: {Length}, {Limit}.</summary>
    [Required] public string MessageTooLong { get; set; } = string.Empty;

    /// <summary>A message that took longer than the analysis budget.</summary>
    [Required] public string AnalysisTooSlow { get; set; } = string.Empty;

    /// <summary>Between items of a list in a sentence (、).</summary>
    [Required] public string ListSeparator { get; set; } = string.Empty;

    /// <summary>Longest single message; longer answers are split at paragraph boundaries.</summary>
    [Range(200, 4000)] public int MaxReplyLength { get; set; } = 800;

    /// <summary>How long a turn may take before a typing indicator is sent.</summary>
    [Range(0, 5000)] public int TypingDelayMilliseconds { get; set; } = 300;

    /// <summary>
    /// Shorter, plainer forms of the texts above for elder mode (长辈版), by property name (<c>Fallback</c>, <c>Empty</c>…);
    /// a text without one is said as it is.
    /// </summary>
    public Dictionary<string, string> Plain { get; set; } = [];

    /// <summary>These texts with their plain forms put in.</summary>
    public ConversationMessages WithPlainWording() => PlainWording.Apply(this, Plain);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext) => PlainWording.Check(this, Plain, SectionName);

    /// <summary>Fills {Name} placeholders.</summary>
    public static string Fill(string template, params (string Name, string? Value)[] values) =>
        values.Aggregate(template, (text, v) => text.Replace("{" + v.Name + "}", v.Value ?? string.Empty, StringComparison.Ordinal));
}
