using Microsoft.Extensions.Options;
using Xiaoshen.Bot.Channels;
using Xiaoshen.Bot.Handoff;
using Xiaoshen.Knowledge.Search;

namespace Xiaoshen.Bot.Conversations;

/// <summary>
/// One turn of the conversation, whatever the channel: records the person's message (masked), answers, clarifies, falls
/// back, takes feedback, detects handoff triggers, and records Xiaoshen's reply with the decision and the index build.
/// Scoped (one per turn).
/// </summary>
public sealed partial class TurnProcessor(
    KnowledgeSearch search,
    ConversationStore store,
    AnswerComposer composer,
    EntityRecognizer entities,
    HandoffAvailability availability,
    IOptionsMonitor<ConversationMessages> messages,
    TimeProvider time,
    ILogger<TurnProcessor> logger)
{
    private const int LowConfidenceTurnsBeforeOffer = 2;
    private const int ClosestMattersOffered = 3;
    private const double ClosestMatterMinConfidence = 0.1;

    private KnowledgeSearch Search { get; } = search;

    private ConversationStore Store { get; } = store;

    private AnswerComposer Composer { get; } = composer;

    private EntityRecognizer Entities { get; } = entities;

    private HandoffAvailability Availability { get; } = availability;

    private IOptionsMonitor<ConversationMessages> Messages { get; } = messages;

    public async Task<IReadOnlyList<OutboundReply>> ProcessAsync(InboundMessage message, DialogState state, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var conversation = await Store.GetOrStartAsync(message.Channel, message.ConversationId, message.UserId, now, cancellationToken);
        var turn = new TurnContext(this, message, state, conversation, now);
        var replies = message.Kind switch
        {
            InboundKind.ConversationStarted => turn.Welcome(),
            InboundKind.Unsupported => turn.Unsupported(),
            _ => await turn.MessageAsync(cancellationToken),
        };

        Store.Save(conversation);
        return replies;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Conversation {ConversationId} wants a human: {Reason}")]
    private partial void LogHandoffRequested(Guid conversationId, HandoffReason reason);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Conversation {ConversationId} turn {Sequence}: {Decision} {MatterId} ({Reason})")]
    private partial void LogDecision(Guid conversationId, int sequence, string decision, string? matterId, string reason);

    /// <summary>The state of one turn being processed.</summary>
    private sealed class TurnContext(TurnProcessor owner, InboundMessage message, DialogState state, Conversation conversation, DateTimeOffset now)
    {
        private ConversationMessages M => owner.Messages.CurrentValue;

        public List<OutboundReply> Welcome()
        {
            var knowledge = owner.Search.Knowledge;
            var menu = M.HotMattersPersonal.Concat(M.HotMattersBusiness)
                .Where(knowledge.Matters.ContainsKey)
                .Select(id => new ReplyAction(knowledge.Matters[id].Name, ReplyActionKind.SendText, knowledge.Matters[id].Name))
                .ToList();
            Record(M.Welcome, "welcome");
            return [Text(M.Welcome) with { SuggestedActions = menu }];
        }

        public List<OutboundReply> Unsupported()
        {
            owner.Store.Append(conversation, Turn.FromUser(PersonalData.Mask(message.Text), now));
            Record(M.Unsupported, "unsupported");
            return [Text(M.Unsupported)];
        }

        public async Task<List<OutboundReply>> MessageAsync(CancellationToken cancellationToken)
        {
            var text = message.Text?.Trim() ?? string.Empty;
            owner.Store.Append(conversation, Turn.FromUser(PersonalData.Mask(text), now));
            state.Remember(owner.Entities.Recognize(text, now));
            if (text.Length == 0)
            {
                Record(M.Empty, "empty");
                return [Text(M.Empty)];
            }

            if (text == M.Helpful || text == M.NotHelpful)
            {
                return Rate(text == M.Helpful);
            }

            if (PickedClarification(text) is { } picked)
            {
                state.PendingClarify.Clear();
                var asked = await owner.Search.AskAsync(picked.Name, new SearchRequest { CurrentMatterId = picked.Id }, cancellationToken);
                var chosen = asked.Decision == Decision.Answer && asked.Matter?.Id == picked.Id ? asked : Forced(picked.Id, asked);
                return await AnswerAsync(text, chosen, cancellationToken);
            }

            state.PendingClarify.Clear();
            var answer = await owner.Search.AskAsync(text, new SearchRequest { CurrentMatterId = state.CurrentMatterId }, cancellationToken);
            var replies = answer.Decision switch
            {
                Decision.Answer when answer.Matter!.HumanOnly => Human(HandoffReason.HumanOnlyMatter, answer, M.HumanOnlyMatter),
                Decision.Answer => await AnswerAsync(text, answer, cancellationToken),
                Decision.Clarify => Clarify(answer),
                Decision.Human => Human(HandoffReason.Requested, answer, null),
                Decision.Chitchat => Chitchat(answer),
                _ => Fallback(answer),
            };

            if (answer.IsFrustrated && answer.Decision != Decision.Human)
            {
                replies.Insert(0, Text(M.FrustrationApology + availabilityFor(answer)));
                RequestHandoff(HandoffReason.Frustration);
            }

            return replies;

            string availabilityFor(KnowledgeAnswer a) => owner.Availability.Describe(a.Matter?.Id ?? state.CurrentMatterId);
        }

        private async Task<List<OutboundReply>> AnswerAsync(string question, KnowledgeAnswer answer, CancellationToken cancellationToken)
        {
            var matter = answer.Matter!;
            state.CurrentMatterId = matter.Id;
            state.LowConfidenceStreak = 0;
            var replies = await owner.Composer.ComposeAsync(question, answer, owner.Search.Knowledge, message.SupportsMarkdown, cancellationToken);
            var content = answer.Faq?.Id ?? (answer.Section is { } s ? $"{matter.Id}/{s.Kind}" : null);
            var turn = Record(string.Join("\n\n", replies.Select(r => r.Text)), answer, content);
            state.LastAnswerTurnId = turn.Id;
            state.LastAnswerMatterId = matter.Id;
            return replies.ToList();
        }

        private List<OutboundReply> Clarify(KnowledgeAnswer answer)
        {
            state.PendingClarify = answer.Matters.Select(h => h.MatterId).ToList();
            var buttons = answer.Matters.Select(h => new ReplyAction(h.MatterName, ReplyActionKind.SendText, h.MatterName)).ToList();
            var replies = new List<OutboundReply> { Text(M.ClarifyPrompt) with { Buttons = buttons } };
            Record(M.ClarifyPrompt, answer);
            return LowConfidence(replies, answer);
        }

        private List<OutboundReply> Fallback(KnowledgeAnswer answer)
        {
            if (answer.IsAboutOtherRegion)
            {
                Record(M.OtherRegion, answer);
                return [Text(M.OtherRegion)];
            }

            var closest = answer.Matters
                .Where(h => h.Confidence >= ClosestMatterMinConfidence)
                .Take(ClosestMattersOffered)
                .Select(h => new ReplyAction(h.MatterName, ReplyActionKind.SendText, h.MatterName))
                .ToList();
            var text = closest.Count > 0 ? $"{M.Fallback}{M.FallbackClosest}" : M.Fallback;
            var replies = new List<OutboundReply> { Text(text) with { Buttons = closest }, Text(M.FallbackOfferHuman) };
            Record(text + M.FallbackOfferHuman, answer);
            return LowConfidence(replies, answer);
        }

        // Two questions in a row that could not be answered: offer a person, once, then count again.
        private List<OutboundReply> LowConfidence(List<OutboundReply> replies, KnowledgeAnswer answer)
        {
            if (++state.LowConfidenceStreak >= LowConfidenceTurnsBeforeOffer)
            {
                state.LowConfidenceStreak = 0;
                var offer = M.LowConfidenceOffer + owner.Availability.Describe(answer.Matter?.Id ?? state.CurrentMatterId);
                replies.Add(Text(offer));
                RequestHandoff(HandoffReason.LowConfidence);
            }

            return replies;
        }

        private List<OutboundReply> Human(HandoffReason reason, KnowledgeAnswer answer, string? prefix)
        {
            var matterId = answer.Matter?.Id ?? state.CurrentMatterId;
            var text = (prefix ?? string.Empty) + owner.Availability.Describe(matterId);
            RequestHandoff(reason);
            Record(text, answer);
            return [Text(text)];
        }

        private List<OutboundReply> Chitchat(KnowledgeAnswer answer)
        {
            var answers = answer.Chitchat!.Answers;
            var text = answers[conversation.TurnCount % answers.Count];
            Record(text, answer);
            return [Text(text)];
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
                Record(M.FeedbackThanks, "feedback");
                return [Text(M.FeedbackThanks)];
            }

            var text = M.NotHelpfulApology + owner.Availability.Describe(state.LastAnswerMatterId);
            RequestHandoff(HandoffReason.NotHelpful);
            Record(text, "feedback");
            return [Text(text)];
        }

        // The person picked one of the offered matters: by its name (the button), or by its number.
        private (string Id, string Name)? PickedClarification(string text)
        {
            var knowledge = owner.Search.Knowledge;
            var candidates = state.PendingClarify.Where(knowledge.Matters.ContainsKey).Select(id => knowledge.Matters[id]).ToList();
            if (candidates.Count == 0)
            {
                return null;
            }

            var chosen = int.TryParse(text, out var n) && n >= 1 && n <= candidates.Count
                ? candidates[n - 1]
                : candidates.FirstOrDefault(c => c.Name == text);
            return chosen is null ? null : (chosen.Id, chosen.Name);
        }

        // A matter chosen from a clarify question is answered even if the search alone would not be confident.
        private KnowledgeAnswer Forced(string matterId, KnowledgeAnswer answer)
        {
            var matter = owner.Search.Knowledge.Matters[matterId];
            return answer with
            {
                Decision = Decision.Answer,
                Matter = matter,
                Faq = matter.Faqs.FirstOrDefault(),
                Section = null,
                Reason = "chosen from the clarify question",
            };
        }

        private void RequestHandoff(HandoffReason reason)
        {
            if (conversation.RequestHandoff(reason, now) is not null)
            {
                owner.LogHandoffRequested(conversation.Id, reason);
            }
        }

        private OutboundReply Text(string text) => new(text) { IsMarkdown = message.SupportsMarkdown };

        private Turn Record(string text, string decision) =>
            owner.Store.Append(conversation, Turn.FromBot(text, now, decision));

        private Turn Record(string text, KnowledgeAnswer answer, string? content = null)
        {
            var decision = answer.Decision.ToString().ToLowerInvariant();
            var turn = owner.Store.Append(conversation, Turn.FromBot(text, now, decision, answer.Matter?.Id, content, answer.Confidence, answer.BuildId, answer.Reason));
            owner.LogDecision(conversation.Id, turn.Sequence, decision, answer.Matter?.Id, answer.Reason);
            return turn;
        }
    }
}
