using Microsoft.Extensions.Options;
using Xiaoshen.Bot.Channels;
using Xiaoshen.Bot.Handoff;
using Xiaoshen.Knowledge.Content;
using Xiaoshen.Knowledge.Search;

namespace Xiaoshen.Bot.Conversations;

/// <summary>
/// One turn of the conversation, whatever the channel: records the person's message (masked), answers, clarifies, falls
/// back, takes feedback, detects handoff triggers, and records Xiaoshen's reply with the decision and the index build.
/// Offering a person, queueing, answering while in human hands and call-back messages are the
/// <see cref="HandoffDialog"/>'s. Scoped (one per turn).
/// </summary>
public sealed partial class TurnProcessor(
    KnowledgeSearch search,
    ConversationStore store,
    AnswerComposer composer,
    EntityRecognizer entities,
    HandoffIntake handoff,
    HandoffDialog handoffDialog,
    ServiceRatings ratings,
    Booking.BookingDialog booking,
    IOptionsMonitor<ConversationMessages> messages,
    IOptionsMonitor<HandoffMessages> handoffMessages,
    IOptionsMonitor<ConversationOptions> conversationOptions,
    PreReview.PreReviewDialog preReview,
    TimeProvider time,
    ILogger<TurnProcessor> logger)
{
    private const int LowConfidenceTurnsBeforeOffer = 2;

    // A message that narrows an earlier question which was not answered must land on one of that question's first few
    // matters (the chat asks for five hits).
    private const int NarrowedCandidates = 5;

    private KnowledgeSearch Search { get; } = search;

    private ConversationStore Store { get; } = store;

    private AnswerComposer Composer { get; } = composer;

    private EntityRecognizer Entities { get; } = entities;

    private IOptionsMonitor<ConversationMessages> Messages { get; } = messages;

    private HandoffIntake Handoff { get; } = handoff;

    private HandoffDialog HandoffDialog { get; } = handoffDialog;

    private ServiceRatings Ratings { get; } = ratings;

    private Booking.BookingDialog Booking { get; } = booking;

    private IOptionsMonitor<HandoffMessages> HandoffMessages { get; } = handoffMessages;

    private PreReview.PreReviewDialog PreReview { get; } = preReview;

    public async Task<IReadOnlyList<OutboundReply>> ProcessAsync(InboundMessage message, DialogState state, CancellationToken cancellationToken)
    {
        // issue 11: ids longer than their columns could not be stored; no channel of ours sends them.
        if (!message.HasBoundedIds)
        {
            LogOversizedIds(message.Channel);
            return [];
        }

        var now = time.GetUtcNow();
        var conversation = await Store.GetOrStartAsync(message.Channel, message.ConversationId, message.UserId, now, cancellationToken);
        var limits = conversationOptions.CurrentValue;

        // Analysis (entity recognition, search) stops at the budget or when the caller goes away, whichever comes first.
        using var budget = new CancellationTokenSource(TimeSpan.FromMilliseconds(limits.AnalysisBudgetMilliseconds), time);
        using var analysis = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, budget.Token);
        var turn = new TurnContext(this, message, state, conversation, now, analysis.Token);

        // Another node may have taken, transferred or closed the conversation since this node last acted on it.
        await Handoff.RefreshAsync(conversation, cancellationToken);
        List<OutboundReply> replies;
        try
        {
            replies = message.Kind switch
            {
                InboundKind.ConversationStarted => turn.Welcome(),

                // issue 11: a message over the cap is never analysed (30,000 characters took 159 s of a core).
                _ when message.Text?.Length > limits.MaxMessageCharacters => turn.TooLong(limits.MaxMessageCharacters),
                _ when conversation.IsWithHumans => await turn.RelayAsync(cancellationToken),

                // issue 16: a material pre-review under way, or asked for, takes the turn (photos included).
                _ when await PreReview.TakeAsync(new PreReview.PreReviewTurn(message, state, conversation, now), cancellationToken) is { } taken => taken,
                InboundKind.Unsupported => turn.Unsupported(),
                _ => await turn.MessageAsync(cancellationToken),
            };
        }
        catch (OperationCanceledException) when (budget.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            LogAnalysisOverBudget(conversation.Id, limits.AnalysisBudgetMilliseconds);
            replies = turn.TooSlow();
        }

        Store.Save(conversation);
        return replies;
    }

    /// <summary>An external contact centre's <c>handoff.status</c> for the conversation: accepted, completed or failed.</summary>
    public async Task<IReadOnlyList<OutboundReply>> HandoffStatusAsync(InboundMessage message, string status, CancellationToken cancellationToken)
    {
        if (!message.HasBoundedIds)
        {
            LogOversizedIds(message.Channel);
            return [];
        }

        var now = time.GetUtcNow();
        var conversation = await Store.GetOrStartAsync(message.Channel, message.ConversationId, message.UserId, now, cancellationToken);
        if (await Handoff.ExternalStatusAsync(conversation, status, cancellationToken) is not { } text)
        {
            return [];
        }

        Store.Append(conversation, Turn.FromBot(text, now, "handoff"));
        return status == "completed"
            ? [HandoffNotices.RatingRequest(text, HandoffMessages.CurrentValue) with { IsMarkdown = message.SupportsMarkdown }]
            : [new OutboundReply(text) { IsMarkdown = message.SupportsMarkdown }];
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A {Channel} message with an id longer than the stored columns was ignored")]
    private partial void LogOversizedIds(string channel);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Conversation {ConversationId}: analysis took longer than {BudgetMilliseconds} ms and was abandoned")]
    private partial void LogAnalysisOverBudget(Guid conversationId, int budgetMilliseconds);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Conversation {ConversationId} turn {TurnId}: {Decision} {MatterId} ({Reason})")]
    private partial void LogDecision(Guid conversationId, Guid turnId, string decision, string? matterId, string reason);

    /// <summary>The state of one turn being processed.</summary>
    private sealed class TurnContext(TurnProcessor owner, InboundMessage message, DialogState state, Conversation conversation, DateTimeOffset now, CancellationToken analysis)
    {
        // Elder mode (长辈版) hears the plain forms of the fixed texts, where there are any.
        private readonly ConversationMessages _m = message.PrefersPlainWording ? owner.Messages.CurrentValue.WithPlainWording() : owner.Messages.CurrentValue;
        private readonly HandoffMessages _h = message.PrefersPlainWording ? owner.HandoffMessages.CurrentValue.WithPlainWording() : owner.HandoffMessages.CurrentValue;

        private ConversationMessages M => _m;

        private HandoffMessages H => _h;

        // The turn as the handoff dialog sees it: the same texts, state and budget.
        private HandoffTurn HandoffTurn => new(message, state, conversation, now, H, M.Weekdays, analysis);

        // While people answer, everything the person sends goes to them (the handoff dialog answers).
        public async Task<List<OutboundReply>> RelayAsync(CancellationToken cancellationToken)
        {
            owner.Store.Append(conversation, Turn.FromUser(PersonalData.Mask(message.Text?.Trim() ?? string.Empty), now, Files()));
            return await owner.HandoffDialog.RelayAsync(HandoffTurn, cancellationToken);
        }

        // A few personal hot matters, then the rest and the businesses' behind a button each: ten buttons pushed the welcome
        // out of view on a small screen (issue 15).
        public List<OutboundReply> Welcome() => Say(M.Welcome, "welcome", HotMatterMenu());

        private List<ReplyAction> HotMatterMenu()
        {
            var personal = HotMatters(M.HotMattersPersonal);
            var menu = personal.Take(M.HotMattersShown).ToList();
            if (personal.Count > menu.Count)
            {
                menu.Add(Send(M.MorePersonalButton));
            }

            if (HotMatters(M.HotMattersBusiness).Count > 0)
            {
                menu.Add(Send(M.BusinessButton));
            }

            return menu;
        }

        private List<ReplyAction> HotMatters(IEnumerable<string> ids)
        {
            var knowledge = owner.Search.Knowledge;
            return ids.Where(knowledge.Matters.ContainsKey).Select(id => Send(knowledge.Matters[id].Name)).ToList();
        }

        // What was sent is kept (cut at the cap), so an agent can see it; nothing of it is analysed.
        public List<OutboundReply> TooLong(int limit)
        {
            owner.Store.Append(conversation, Turn.FromUser(PersonalData.Mask(message.Text![..limit]) + "…", now, Files()));
            var text = ConversationMessages.Fill(
                M.MessageTooLong,
                ("Length", message.Text.Length.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                ("Limit", limit.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            return Say(text, "too-long");
        }

        public List<OutboundReply> TooSlow() => Say(M.AnalysisTooSlow, "too-slow");

        // A voice message nobody could recognise is said to be heard, and kept for a person to listen to.
        public List<OutboundReply> Unsupported()
        {
            owner.Store.Append(conversation, Turn.FromUser(PersonalData.Mask(message.Text), now, Files()));
            var voice = message.Attachments.Count > 0 && message.Attachments.All(a => a.ContentType.StartsWith("audio/", StringComparison.OrdinalIgnoreCase));
            return Say(voice ? M.VoiceNotRecognised : M.Unsupported, "unsupported");
        }

        public async Task<List<OutboundReply>> MessageAsync(CancellationToken cancellationToken)
        {
            var text = message.Text?.Trim() ?? string.Empty;
            var rated = conversation.Status == ConversationStatus.Resolved && await owner.Handoff.RateAsync(conversation, text, cancellationToken);
            owner.Store.Append(conversation, Turn.FromUser(PersonalData.Mask(text), now, Files()));
            if (rated || await RatedBotAsync(text, cancellationToken))
            {
                state.Rated = true;
                return Rated(text);
            }

            // Only the message after a bad rating without a comment may be its comment. The dialog state (read by every
            // turn, on any node) says whether one is wanted, so an ordinary turn asks the rating rows nothing (issue 13).
            if (state.CommentWanted)
            {
                state.CommentWanted = false;
                switch (await owner.Ratings.CommentAsync(conversation.Id, text, [H.SkipComment], cancellationToken))
                {
                    case CommentResult.Commented:
                        return Say(H.CommentThanks, "rating");
                    case CommentResult.Skipped:
                        return Say(H.CommentSkipped, "rating");
                }
            }

            if (text == H.RateBotButton || (state.Rated && RatingParser.Parse(text, H.Ratings) is { Rating: not null, Comment: null }))
            {
                return (text == H.RateBotButton ? state.BotRated : state.Rated) ? Say(H.AlreadyRated, "rating") : AskBotRating();
            }

            if (await owner.HandoffDialog.TakeCallbackAsync(HandoffTurn, cancellationToken) is { } callback)
            {
                return callback;
            }

            state.Remember(Recognize(text));
            if (text.Length == 0)
            {
                Record(M.Empty, "empty");
                return [Text(M.Empty)];
            }

            // Booking in-person help (预约线下帮办), its steps, cancelling and moving a booking.
            if (await owner.Booking.TakeAsync(new Booking.BookingTurn(conversation, state, text, now), analysis) is { } booked)
            {
                return booked;
            }

            // 留言, and the answers to the routing questions before a handoff.
            if (await owner.HandoffDialog.TakeAsync(HandoffTurn, cancellationToken) is { } handedOver)
            {
                return handedOver;
            }

            if (text == M.Helpful || text == M.NotHelpful)
            {
                return Rate(text == M.Helpful);
            }

            if (text == M.MorePersonalButton || text == M.BusinessButton)
            {
                var business = text == M.BusinessButton;
                return Say(business ? M.HotMattersBusinessIntro : M.HotMattersPersonalIntro, "menu", HotMatters(business ? M.HotMattersBusiness : M.HotMattersPersonal));
            }

            if (PickedClarification(text) is { } picked)
            {
                return await AnswerAsync(text, await PickedAsync(picked, analysis), cancellationToken);
            }

            state.PendingClarify.Clear();
            state.PendingFollowUpSection = null;
            var askedBefore = state.QuestionOfNoMatter;
            state.QuestionOfNoMatter = null;
            var unanswered = state.LowConfidenceStreak > 0 ? state.LastQuestion : null;

            // 深圳公积金怎么提取 was answered as about another place; 那上海呢 asks the same of Shanghai.
            var otherPlace = state.OtherPlaceQuestion;
            state.OtherPlaceQuestion = null;
            var asked = otherPlace is not null && owner.Search.AskedInShanghai(otherPlace, text) is { } inShanghai ? inShanghai : text;
            var searched = asked;
            var answer = await owner.Search.AskAsync(asked, new SearchRequest { CurrentMatterId = state.CurrentMatterId, ShownContentId = state.ShownContentId }, analysis);

            // 要带什么材料 was asked back with "which matter?": the matter named now (居住证, 社保卡补办) is answered for both
            // messages together, so with its materials, unless the new message asks something of its own. Asked which
            // matter again (公积金), the person's choice is answered so too.
            if (answer is { Decision: Decision.Answer, AskedSection: null } && askedBefore is not null)
            {
                answer = await owner.Search.AnswerForAsync($"{text} {askedBefore}", answer.Matter!.Id, "names the matter that the earlier question, which asked only a section, was about", analysis);
            }
            else if (answer.Decision == Decision.Clarify && answer.FollowUpOf is null)
            {
                state.QuestionOfNoMatter = askedBefore;
            }

            // 租房的呢 after 公积金怎么提取 was asked which withdrawal: alone it is not answered, but together with the earlier
            // question it is, and on one of that question's own candidates. 个体户的 after 注销 was asked which: alone it gets
            // the matter's overview, together the FAQ about closing one.
            if (unanswered is not null && askedBefore is null
                && answer is { Decision: Decision.Fallback or Decision.Clarify, FollowUpOf: null, OtherPlace: null, NamesNoMatter: false } or { Decision: Decision.Answer, IsOverview: true }
                && await NarrowedAsync(unanswered, text, answer) is { } narrowed)
            {
                (answer, searched) = (narrowed, $"{unanswered} {text}");
            }

            if (answer.Decision is not (Decision.Human or Decision.Chitchat))
            {
                state.LastQuestion = PersonalData.Mask(searched);
            }

            var replies = answer.Decision switch
            {
                Decision.Answer when answer.Matter!.HumanOnly => await HumanAsync(HandoffReason.HumanOnlyMatter, answer, M.HumanOnlyMatter, cancellationToken),
                Decision.Answer => await AnswerAsync(asked, answer, cancellationToken),
                Decision.Clarify => Clarify(answer),
                Decision.Human => await HumanAsync(state.OfferedHandoff ?? HandoffReason.Requested, answer, null, cancellationToken),
                Decision.Chitchat => Chitchat(answer),
                _ => Fallback(answer),
            };

            if (answer.IsFrustrated && answer.Decision != Decision.Human)
            {
                replies.InsertRange(0, Offer(HandoffReason.Frustration, answer.Matter?.Id ?? state.CurrentMatterId, M.FrustrationApology));
            }

            return replies;
        }

        private async Task<List<OutboundReply>> AnswerAsync(string question, KnowledgeAnswer answer, CancellationToken cancellationToken)
        {
            var matter = answer.Matter!;
            state.CurrentMatterId = matter.Id;
            state.ShownContentId = answer.ContentId;
            EndLowConfidenceStreak();
            var replies = await owner.Composer.ComposeAsync(question, answer, owner.Search.Knowledge, message.SupportsMarkdown, cancellationToken);
            var turn = Record(string.Join("\n\n", replies.Select(r => r.Text)), answer, answer.ContentId);
            state.LastAnswerTurnId = turn.Id;
            state.LastAnswerMatterId = matter.Id;

            // A matter whose materials can be pre-reviewed offers that under its answer (issue 16).
            var answered = replies.ToList();
            if (answered.Count > 0)
            {
                answered[^1] = answered[^1] with { SuggestedActions = [.. owner.PreReview.Offers(matter.Id), .. answered[^1].SuggestedActions] };
            }

            return answered;
        }

        // Which matter is meant. A question that may follow up on the current matter (issue 12, item 7) offers that
        // matter's section first (“居住证”的申请材料), then the new candidates.
        private List<OutboundReply> Clarify(KnowledgeAnswer answer)
        {
            state.PendingClarify = answer.Matters.Select(h => h.MatterId).ToList();
            state.PendingFollowUpSection = null;
            var buttons = answer.Matters.Select(h => new ReplyAction(h.MatterName, ReplyActionKind.SendText, h.MatterName)).ToList();
            var prompt = answer.OffersPlausibleMatters ? M.ClarifyPlausible : M.ClarifyPrompt;
            if (answer.FollowUpOf is { } current)
            {
                // With a section, the current matter's button names it (“居住证”的申请材料); without (能打印吗), the matter itself.
                state.PendingClarify.Insert(0, current.Id);
                state.PendingFollowUpSection = answer.AskedSection;
                var same = answer.AskedSection is { } section ? SameMatterLabel(current.Name, section) : current.Name;
                buttons.Insert(0, new ReplyAction(same, ReplyActionKind.SendText, same));
                // With no other candidate worth a button, the question is only whether the person means the matter being read.
                var alone = answer.Matters.Count == 0;
                prompt = answer.AskedSection is { } asked
                    ? ConversationMessages.Fill(alone ? M.ClarifyFollowUpAlone : M.ClarifyFollowUp, ("Matter", current.Name), ("Section", SectionTitles.TitleOf(asked)))
                    : ConversationMessages.Fill(alone ? M.ClarifyFollowUpMatterAlone : M.ClarifyFollowUpMatter, ("Matter", current.Name));
            }

            var replies = new List<OutboundReply> { Text(prompt) with { Buttons = buttons } };
            Record(prompt, answer);
            return LowConfidence(replies, answer);
        }

        private string SameMatterLabel(string matter, SectionKind section) =>
            ConversationMessages.Fill(M.ClarifySameMatter, ("Matter", matter), ("Section", SectionTitles.TitleOf(section)));

        private List<OutboundReply> Fallback(KnowledgeAnswer answer)
        {
            if (answer.OtherPlace is { } place)
            {
                // An honest answer (Xiaoshen serves Shanghai, ask there): it ends a streak of questions that could not be answered.
                EndLowConfidenceStreak();
                state.OtherPlaceQuestion = state.LastQuestion;

                // The wording comes from the content (places.yaml); the options text is the fallback for content without it.
                var offered = answer.Offered.Select(h => new ReplyAction(h.MatterName, ReplyActionKind.SendText, h.MatterName)).ToList();
                var said = (place.Reply.Length > 0 ? place.Reply : M.OtherRegion) + place.BridgeIntro;
                Record(said, answer);
                return [Text(said) with { Buttons = offered }];
            }

            // A topic the editors listed as not in the catalogue (残疾人补贴): said plainly, with no neighbouring matter offered (企业吸纳
            // 就业补贴 is not what the person asked). An honest answer, like one about another place, ends a streak.
            if (answer.OutOfScopeTopic is not null)
            {
                EndLowConfidenceStreak();
                Record(M.FallbackNotInCatalogue, answer);
                return [Text(M.FallbackNotInCatalogue)];
            }

            // Asked only 要带什么材料: which matter? The hot matters are a tap away, and the answer will be that section.
            // Asked only 有效期几年 or 多久能拿到: the same, in general words.
            if (answer.NamesNoMatter)
            {
                state.QuestionOfNoMatter = PersonalData.Mask(message.Text?.Trim() ?? string.Empty);
                var which = answer.AskedSection is { } asked ? ConversationMessages.Fill(M.AskWhichMatter, ("Section", SectionTitles.TitleOf(asked))) : M.AskWhichMatterOfQuestion;
                return Say(which, "fallback", HotMatterMenu());
            }

            var closest = answer.Offered.Select(h => new ReplyAction(h.MatterName, ReplyActionKind.SendText, h.MatterName)).ToList();
            var text = closest.Count > 0 ? $"{M.Fallback}{M.FallbackClosest}" : M.Fallback;
            var replies = new List<OutboundReply> { Text(text) with { Buttons = closest }, Text(M.FallbackOfferHuman) };
            Record(text + M.FallbackOfferHuman, answer);
            return LowConfidence(replies, answer);
        }

        // Two questions in a row that could not be answered: offer a person, once, then count again. The person is one of the
        // department of a matter the streak offered as a button (公积金 after 公积金怎么提取 was asked back and 第二个 fell back),
        // else of the matter being read: not of the best guess for a message it could not place, which may be anything
        // (第二个 resembles 第二类医疗器械, of the drug administration).
        private List<OutboundReply> LowConfidence(List<OutboundReply> replies, KnowledgeAnswer answer)
        {
            state.LowConfidenceMatterId = answer.FollowUpOf?.Id ?? answer.Offered.FirstOrDefault()?.MatterId ?? state.LowConfidenceMatterId;
            if (++state.LowConfidenceStreak >= LowConfidenceTurnsBeforeOffer)
            {
                var matterId = state.LowConfidenceMatterId ?? state.CurrentMatterId;
                EndLowConfidenceStreak();
                replies.AddRange(Offer(HandoffReason.LowConfidence, matterId, M.LowConfidenceOffer));
            }

            return replies;
        }

        private void EndLowConfidenceStreak()
        {
            state.LowConfidenceStreak = 0;
            state.LowConfidenceMatterId = null;
        }

        private Task<List<OutboundReply>> HumanAsync(HandoffReason reason, KnowledgeAnswer answer, string? prefix, CancellationToken cancellationToken) =>
            owner.HandoffDialog.HumanAsync(HandoffTurn, reason, answer, prefix, cancellationToken);

        private List<OutboundReply> Offer(HandoffReason reason, string? matterId, string prefix) =>
            owner.HandoffDialog.Offer(HandoffTurn, reason, matterId, prefix);

        private IReadOnlyList<RecognizedEntity> Recognize(string text) => owner.Entities.Recognize(text, now, analysis);

        private List<OutboundReply> Say(string text, string decision, IReadOnlyList<ReplyAction>? actions = null)
        {
            Record(text, decision);
            return [Text(text) with { SuggestedActions = actions ?? [] }];
        }

        private static ReplyAction Send(string text) => new(text, ReplyActionKind.SendText, text);

        // Files the person sent are kept as the channel's links, for the agent to open.
        private List<TurnAttachment> Files() =>
            message.Attachments.Select(a => new TurnAttachment(a.ContentType, a.Name ?? string.Empty, null, a.Url, a.Transcript is { } words ? PersonalData.Mask(words) : null)).ToList();

        private List<OutboundReply> Chitchat(KnowledgeAnswer answer)
        {
            var answers = answer.Chitchat!.Answers;
            var text = answers[conversation.TurnCount % answers.Count];
            Record(text, answer);
            return [Text(text)];
        }

        // 评价小申: the five levels as buttons; the next message, if it is one, rates 小申 for this conversation.
        private List<OutboundReply> AskBotRating()
        {
            state.BotRatingAsked = true;
            Record(H.RateBotPrompt, "rating");
            return [HandoffNotices.RatingRequest(H.RateBotPrompt, H)];
        }

        private async Task<bool> RatedBotAsync(string text, CancellationToken cancellationToken)
        {
            if (!state.BotRatingAsked)
            {
                return false;
            }

            state.BotRatingAsked = false;
            if (state.BotRated || RatingParser.Parse(text, H.Ratings) is not { Rating: { } rating } parsed)
            {
                return false;
            }

            await owner.Ratings.RateBotAsync(conversation, state.CurrentMatterId, rating, parsed.Comment, cancellationToken);
            state.BotRated = true;
            return true;
        }

        // Thanks; a bad rating without a comment is asked what went wrong (the next message is its comment).
        private List<OutboundReply> Rated(string text)
        {
            var (rating, comment) = RatingParser.Parse(text, H.Ratings);
            state.CommentWanted = rating is { } r && r.IsBad() && comment is null;
            return state.CommentWanted
                ? Say(H.RatingAskComment, "rating", [Send(H.SkipComment)])
                : Say(H.RatingThanks, "rating");
        }

        private List<OutboundReply> Rate(bool helpful)
        {
            if (state.LastAnswerTurnId is not { } answered)
            {
                Record(M.FeedbackNothingToRate, "feedback");
                return [Text(M.FeedbackNothingToRate)];
            }

            owner.Store.Add(Feedback.On(conversation.Id, answered, helpful, now));
            state.LastAnswerTurnId = null;
            if (helpful)
            {
                return Say(M.FeedbackThanks, "feedback", state.BotRated ? [] : [Send(H.RateBotButton)]);
            }

            return Offer(HandoffReason.NotHelpful, state.LastAnswerMatterId, M.NotHelpfulApology);
        }

        // The person picked one of the offered matters: by its button, or by its place (2, 第二个). The first offer may be the
        // current matter's section (a follow-up), labelled with the section.
        private (string Id, SectionKind? Section)? PickedClarification(string text)
        {
            var knowledge = owner.Search.Knowledge;
            var candidates = state.PendingClarify.Where(knowledge.Matters.ContainsKey).Select(id => knowledge.Matters[id]).ToList();
            if (candidates.Count == 0)
            {
                return null;
            }

            string Label(int i) => i == 0 && state.PendingFollowUpSection is { } section ? SameMatterLabel(candidates[0].Name, section) : candidates[i].Name;
            var index = ChoiceNumber.Parse(text, candidates.Count) is { } n
                ? n - 1
                : Enumerable.Range(0, candidates.Count).FirstOrDefault(i => Label(i) == text, -1);
            return index < 0 ? null : (candidates[index].Id, index == 0 ? state.PendingFollowUpSection : null);
        }

        // The earlier question and the message that narrows it, answered together (for the matter the message names alone,
        // when it names one); null unless that is answered, on one of the earlier question's first matters and on one the
        // message alone ranks (a new question that is not answered alone stays a new question: 明天会下雨吗 after 公积金怎么提取
        // does not make 退休提取 sure enough to answer).
        private async Task<KnowledgeAnswer?> NarrowedAsync(string earlier, string text, KnowledgeAnswer alone)
        {
            const string Why = "narrows the earlier question, which was not answered";
            var question = $"{earlier} {text}";
            var candidates = (await owner.Search.SearchAsync(earlier, new SearchRequest { Top = NarrowedCandidates }, analysis)).Select(h => h.MatterId).ToHashSet(StringComparer.Ordinal);
            if (alone.Decision == Decision.Answer)
            {
                // The matter is the one named: only its paragraph is chosen again, and only if the earlier question had it.
                return candidates.Contains(alone.Matter!.Id) ? await owner.Search.AnswerForAsync(question, alone.Matter.Id, Why, analysis) : null;
            }

            var together = await owner.Search.AskAsync(question, new SearchRequest { CurrentMatterId = state.CurrentMatterId, ShownContentId = state.ShownContentId }, analysis);
            return together.Decision == Decision.Answer && candidates.Contains(together.Matter!.Id) && alone.Matters.Any(h => h.MatterId == together.Matter.Id)
                ? together with { Reason = $"{together.Reason}; {Why}" }
                : null;
        }

        // A matter chosen from a clarify question is answered for the question that led to it (居住证积分要什么材料 → its
        // 申请材料), even if the search alone would not be confident; the current matter's section is answered as offered.
        private async Task<KnowledgeAnswer> PickedAsync((string Id, SectionKind? Section) picked, CancellationToken cancellationToken)
        {
            var question = state.LastQuestion ?? owner.Search.Knowledge.Matters[picked.Id].Name;
            if (state.QuestionOfNoMatter is { } before)
            {
                (question, state.QuestionOfNoMatter) = ($"{question} {before}", null);
            }

            state.PendingClarify.Clear();
            state.PendingFollowUpSection = null;
            var answer = await owner.Search.AnswerForAsync(question, picked.Id, cancellationToken: cancellationToken);
            return picked.Section is { } kind && answer.Matter!.Sections.TryGetValue(kind, out var section)
                ? answer with { Faq = null, Section = section, IsOverview = false, Reason = $"chosen by the person: {kind} of the current matter" }
                : answer;
        }

        private OutboundReply Text(string text) => new(text) { IsMarkdown = message.SupportsMarkdown };

        private Turn Record(string text, string decision) =>
            owner.Store.Append(conversation, Turn.FromBot(text, now, decision));

        private Turn Record(string text, KnowledgeAnswer answer, string? content = null)
        {
            var decision = answer.Decision.ToString().ToLowerInvariant();
            var turn = owner.Store.Append(conversation, Turn.FromBot(text, now, decision, answer.Matter?.Id, content, answer.Confidence, answer.BuildId, answer.Reason));
            owner.LogDecision(conversation.Id, turn.Id, decision, answer.Matter?.Id, answer.Reason);
            return turn;
        }
    }
}
