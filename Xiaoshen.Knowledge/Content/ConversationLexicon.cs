namespace Xiaoshen.Knowledge.Content;

/// <summary>A chit-chat intent from <c>chitchat.yaml</c>.</summary>
/// <param name="Name">Intent name, e.g. <c>greeting</c>.</param>
/// <param name="Examples">Things people say.</param>
/// <param name="Answers">Replies; one is chosen.</param>
public sealed record ChitchatIntent(string Name, IReadOnlyList<string> Examples, IReadOnlyList<string> Answers);

/// <summary>The conversational language of <c>chitchat.yaml</c>: chit-chat, ways of asking for a human, and section cue words.</summary>
/// <param name="Intents">Chit-chat intents.</param>
/// <param name="HumanPhrases">Phrases that ask for a person (转人工, 人工客服…).</param>
/// <param name="SectionCues">Words that ask about one section (材料 → 申请材料…).</param>
/// <param name="OtherPlaces">Other cities and provinces: a question about them is not answered with Shanghai's rules.</param>
/// <param name="CrossRegion">Words that make a mention of another place legitimate (上海, 转入, 异地…); single characters count only as whole words.</param>
/// <param name="Frustration">Phrases that show frustration (气死了, 太慢了); they trigger an offer of a human.</param>
public sealed record ConversationLexicon(
    IReadOnlyList<ChitchatIntent> Intents,
    IReadOnlyList<string> HumanPhrases,
    IReadOnlyDictionary<SectionKind, IReadOnlyList<string>> SectionCues,
    IReadOnlyList<string> OtherPlaces,
    IReadOnlyList<string> CrossRegion,
    IReadOnlyList<string> Frustration)
{
    /// <summary>
    /// Ways of asking how to get a matter done (怎么办, 如何办理, 怎么领): a question made of a matter's name and only these
    /// is answered with the matter's overview.
    /// </summary>
    public IReadOnlyList<string> OverviewPhrases { get; init; } = [];

    /// <summary>
    /// Ways of asking about an amount (多少钱, 标准, 能拿多少): in a matter that charges nothing, such a question asks about
    /// money the person receives or pays in (an allowance, a contribution), and an FAQ that asks an amount answers it.
    /// </summary>
    public IReadOnlyList<string> AmountCues { get; init; } = [];

    /// <summary>Ways of asking how (怎么, 如何): an FAQ whose heading asks how to do its case answers 流程 questions about that case.</summary>
    public IReadOnlyList<string> HowPhrases { get; init; } = [];

    /// <summary>Ways of asking what something is (是什么, 什么意思, 干什么的): about the matter itself, the overview answers.</summary>
    public IReadOnlyList<string> DefinitionPhrases { get; init; } = [];

    /// <summary>
    /// Ways of asking the difference between two things (区别, 有什么不同, 选哪个): the FAQ that asks that difference answers, not a
    /// section named in passing (区别在哪 does not ask where).
    /// </summary>
    public IReadOnlyList<string> DifferencePhrases { get; init; } = [];

    /// <summary>Ways of asking how often (多久…一次, 几次): not the time limit; an FAQ that asks how often answers.</summary>
    public IReadOnlyList<string> FrequencyPhrases { get; init; } = [];

    /// <summary>Ways of asking by when the person must act or how long something stays valid (多久必须, 到期前多久, 有效期, 截止): not the time limit.</summary>
    public IReadOnlyList<string> DeadlinePhrases { get; init; } = [];

    /// <summary>Ways of asking how long a benefit or allowance is paid (能领多久, 领几个月): not the time limit.</summary>
    public IReadOnlyList<string> PeriodPhrases { get; init; } = [];

    /// <summary>
    /// Ways of asking how long a paper stays valid (有效期, 有效几年), the first being what the content calls it: a matter
    /// whose content uses none of them says nothing about it, and the person is told so.
    /// </summary>
    public IReadOnlyList<string> ValidityPhrases { get; init; } = [];

    /// <summary>
    /// Phrases that contain a way of asking a section but name a thing (注册地址, 地址变更, 搬地址): a question or FAQ heading
    /// that uses them does not ask that section, so an FAQ about moving does not answer where to apply.
    /// </summary>
    public IReadOnlyList<string> NotAskingPhrases { get; init; } = [];

    /// <summary>
    /// How the names of money that a matter pays out end (金, 津贴, 补助, 报销): in a matter that charges nothing, an amount
    /// asked of one of its names that ends so (丧葬费多少钱, 生育津贴多少钱) asks what the person receives, not the fee.
    /// </summary>
    public IReadOnlyList<string> MoneyNameEndings { get; init; } = [];

    /// <summary>
    /// Ways of asking how far an application has got (进度, 办到哪了): the FAQ that tells where to follow it answers, or else
    /// where the matter is applied for (办理渠道), never an FAQ about something else that happens to repeat the name.
    /// </summary>
    public IReadOnlyList<string> ProgressPhrases { get; init; } = [];

    /// <summary>
    /// The stages of a matter, each with the words that name it (注销: [注销, 不做了], 补办: [补办, 丢了]): a question that names
    /// one stage is answered by an FAQ about that stage, not by one about another stage that shares the question's other words.
    /// </summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Stages { get; init; } = new Dictionary<string, IReadOnlyList<string>>();

    /// <summary>
    /// The stage of <see cref="Stages"/> that a matter's sections describe when they name none (新办: 申请材料 is what a first
    /// application needs), or null.
    /// </summary>
    public string? SectionsStage { get; init; }

    /// <summary>Ways of asking how long one must have lived, paid or worked before applying (住多久, 交满多久): a condition.</summary>
    public IReadOnlyList<string> WaitPhrases { get; init; } = [];

    /// <summary>
    /// Ways of asking how long the office takes (多久, 几天, 几个工作日, 多久到账): the time limit, and an FAQ whose heading or
    /// 也问 lines ask it (临时身份证多久拿到). Read after <see cref="WaitPhrases"/>, <see cref="FrequencyPhrases"/>,
    /// <see cref="PeriodPhrases"/> and <see cref="DeadlinePhrases"/>: 住多久, 多久一次, 领多久 and 多久必须 are not the time limit.
    /// </summary>
    public IReadOnlyList<string> DurationPhrases { get; init; } = [];

    /// <summary>
    /// Ways of naming a fine or penalty (罚款, 罚多少, 处罚, 滞纳金): such a question asks what happens when a rule is broken, so
    /// its 多少钱 does not make it a question about the service's fee (收费标准).
    /// </summary>
    public IReadOnlyList<string> PenaltyPhrases { get; init; } = [];

    /// <summary>
    /// More ways of asking about one section (哪个部门 → 办理渠道, 手续费 → 收费标准), read only when choosing the paragraph of a
    /// matter already decided on: unlike <see cref="SectionCues"/> they do not weigh in finding the matter.
    /// </summary>
    public IReadOnlyDictionary<SectionKind, IReadOnlyList<string>> ParagraphCues { get; init; } = new Dictionary<SectionKind, IReadOnlyList<string>>();

    /// <summary>
    /// Words of search and article titles that are not the question (最新, 攻略, 政策解读, 一文读懂): left out of what ranks the
    /// matters and decides, unless nothing else is left.
    /// </summary>
    public IReadOnlyList<string> Padding { get; init; } = [];

    /// <summary>
    /// What a message may open with before its question (你好, 小申, 在吗): the question is what follows (你好小申，居住证怎么办
    /// asks 居住证怎么办). A message of nothing else is small talk as before.
    /// </summary>
    public IReadOnlyList<string> Openers { get; init; } = [];

    /// <summary>
    /// Words that only frame a question (那, 需要, 可以, 吗, 呢): a message of these and section cues alone (那需要什么材料呢,
    /// 网上能办吗) names no matter.
    /// </summary>
    public IReadOnlyList<string> AskingWords { get; init; } = [];

    /// <summary>
    /// Ways of asking whether one must go in person (要本人去吗, 可以代办吗): alone after an answer they ask the current
    /// matter's 办理渠道. They do not mark an FAQ heading as asking 办理渠道 (异地备案能帮家里老人代办吗 is its own case).
    /// </summary>
    public IReadOnlyList<string> InPerson { get; init; } = [];

    /// <summary>
    /// Ways of telling that the matter did not go through (没通过, 被退回, 填错了): after an answer they are about the current
    /// matter unless another is named, and the FAQ about that setback or else 办理渠道 (where to ask) answers.
    /// </summary>
    public IReadOnlyList<string> Setbacks { get; init; } = [];

    /// <summary>
    /// Words that make a message a question (怎么, 什么, 哪, 几, 吗): a short question after an answer that names no matter is
    /// not moved to another matter without asking.
    /// </summary>
    public IReadOnlyList<string> QuestionWords { get; init; } = [];

    /// <summary>An empty lexicon.</summary>
    public static ConversationLexicon Empty { get; } = new([], [], new Dictionary<SectionKind, IReadOnlyList<string>>(), [], [], []);
}
