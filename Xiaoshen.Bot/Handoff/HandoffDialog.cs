using System.Globalization;
using Microsoft.Extensions.Options;
using Xiaoshen.Bot.Channels;
using Xiaoshen.Bot.Conversations;
using Xiaoshen.Knowledge.Search;

namespace Xiaoshen.Bot.Handoff;

/// <summary>
/// The handoff's part of a turn, called by the turn processor: offering a person, queueing (asking 个人/企业 and the topic
/// first when the matter is unknown), answering while the conversation is in human hands (relay, 取消, 留言), and taking a
/// message for a call-back (留言) step by step into a <see cref="CallbackTicket"/>. The turn processor has recorded the
/// person's message; this records the replies. Scoped (one per turn).
/// </summary>
public sealed partial class HandoffDialog(
    KnowledgeSearch search,
    ConversationStore store,
    EntityRecognizer entities,
    HandoffAvailability availability,
    HandoffIntake intake,
    HandoffBoard board,
    HandoffPresence staffing,
    CallbackTickets tickets,
    IOptionsMonitor<HandoffOptions> options,
    ILogger<HandoffDialog> logger)
{
    // As many candidates go to the agent as the bot offers the person when it falls back.
    private const int CandidatesKept = 3;

    private KnowledgeSearch Search { get; } = search;

    private ConversationStore Store { get; } = store;

    private EntityRecognizer Entities { get; } = entities;

    private HandoffAvailability Availability { get; } = availability;

    private HandoffIntake Intake { get; } = intake;

    private HandoffBoard Board { get; } = board;

    private HandoffPresence Staffing { get; } = staffing;

    private CallbackTickets Tickets { get; } = tickets;

    private IOptionsMonitor<HandoffOptions> Options { get; } = options;

    /// <summary>While people answer, everything the person sends goes to them; while waiting, the person may cancel or leave a message.</summary>
    public Task<List<OutboundReply>> RelayAsync(HandoffTurn turn, CancellationToken cancellationToken) =>
        new Steps(this, turn).RelayAsync(cancellationToken);

    /// <summary>The next step of a call-back message under way; null when none is (or it is only offered).</summary>
    public async Task<List<OutboundReply>?> TakeCallbackAsync(HandoffTurn turn, CancellationToken cancellationToken) =>
        turn.State.Callback is { Step: not CallbackStep.Offered } ? await new Steps(this, turn).CallbackAsync(turn.Text, cancellationToken) : null;

    /// <summary>
    /// A message asked for (留言), or the answer to a routing question (个人/企业, the topic); null when the turn is neither.
    /// A call-back only offered is dropped when the person goes on with something else.
    /// </summary>
    public Task<List<OutboundReply>?> TakeAsync(HandoffTurn turn, CancellationToken cancellationToken) =>
        new Steps(this, turn).TakeAsync(cancellationToken);

    /// <summary>Explicitly asked for, or required by the matter: queue now when the department is open, else offer a message.</summary>
    public Task<List<OutboundReply>> HumanAsync(HandoffTurn turn, HandoffReason reason, KnowledgeAnswer answer, string? prefix, CancellationToken cancellationToken) =>
        new Steps(this, turn).HumanAsync(reason, answer, prefix, cancellationToken);

    /// <summary>A person could help (two misses, 没帮助, frustration): say so with a button, or offer a message when nobody is online.</summary>
    public List<OutboundReply> Offer(HandoffTurn turn, HandoffReason reason, string? matterId, string prefix) =>
        new Steps(this, turn).Offer(reason, matterId, prefix);

    [LoggerMessage(Level = LogLevel.Information, Message = "Conversation {ConversationId} wants a human: {Reason}")]
    private partial void LogHandoffRequested(Guid conversationId, HandoffReason reason);

    /// <summary>The steps of one turn.</summary>
    private sealed class Steps(HandoffDialog owner, HandoffTurn turn, InboundMessage message, DialogState state, Conversation conversation, DateTimeOffset now)
    {
        public Steps(HandoffDialog owner, HandoffTurn turn)
            : this(owner, turn, turn.Message, turn.State, turn.Conversation, turn.Now)
        {
        }

        private HandoffMessages H => turn.Texts;

        private HandoffOptions Options => owner.Options.CurrentValue;

        public async Task<List<OutboundReply>> RelayAsync(CancellationToken cancellationToken)
        {
            var text = turn.Text;
            if (conversation.Status == ConversationStatus.AwaitingHuman && Options.CancelWords.Contains(text) && await owner.Intake.CancelAsync(conversation, cancellationToken))
            {
                Record(H.Cancelled, "handoff");
                return [Text(H.Cancelled)];
            }

            // Tired of waiting (nobody may be online): a message for a call-back by the department it waited for.
            if (conversation.Status == ConversationStatus.AwaitingHuman && Options.LeaveMessageWords.Contains(text)
                && await owner.Board.FindAsync(conversation.Id, cancellationToken) is { } waiting && await owner.Intake.CancelAsync(conversation, cancellationToken))
            {
                state.Callback = new CallbackDraft { DepartmentId = waiting.Routing.DepartmentId, MatterId = waiting.Routing.MatterId };
                return await CallbackAsync(text, cancellationToken);
            }

            var ahead = await owner.Intake.PersonWroteAsync(conversation, cancellationToken);
            if (conversation.Status != ConversationStatus.AwaitingHuman)
            {
                return [];
            }

            var ack = ConversationMessages.Fill(H.WaitingAck, ("Ahead", ahead.ToString(CultureInfo.InvariantCulture)));
            Record(ack, "handoff");
            return [Text(ack) with { SuggestedActions = [Send(H.CancelWord)] }];
        }

        public async Task<List<OutboundReply>?> TakeAsync(CancellationToken cancellationToken)
        {
            var text = turn.Text;
            if (Options.LeaveMessageWords.Contains(text))
            {
                var department = owner.Availability.DepartmentFor(state.Callback?.MatterId ?? state.CurrentMatterId);
                state.Callback = new CallbackDraft { DepartmentId = state.Callback?.DepartmentId ?? department.Id, MatterId = state.Callback?.MatterId ?? state.CurrentMatterId };
                return await CallbackAsync(text, cancellationToken);
            }

            state.Callback = null;
            return state.RoutingStep != HandoffRoutingStep.None ? await RouteAsync(text, cancellationToken) : null;
        }

        public async Task<List<OutboundReply>> HumanAsync(HandoffReason reason, KnowledgeAnswer answer, string? prefix, CancellationToken cancellationToken)
        {
            // Accepting an offer (转人工 after 连续两次没能准确回答您…) goes where the offer said, unless the message names a matter.
            var matterId = answer.Matter?.Id ?? (state.OfferedHandoff is not null ? state.OfferedHandoffMatterId : null) ?? state.CurrentMatterId;
            RequestHandoff(reason);
            (state.OfferedHandoff, state.OfferedHandoffMatterId) = (null, null);
            if (matterId is null && reason == HandoffReason.Requested)
            {
                state.RoutingStep = HandoffRoutingStep.Audience;
                state.RoutingReason = reason;
                Record(H.AskAudience, "routing");
                return [Text(H.AskAudience) with { SuggestedActions = [Send(H.AudiencePersonal), Send(H.AudienceBusiness)] }];
            }

            return await HandOverAsync(owner.Availability.Route(matterId, reason), answer.Matters, prefix, cancellationToken);
        }

        // The matter was unknown: 个人/企业 first, then the topic, searched; whatever is still unknown goes to the general group.
        private async Task<List<OutboundReply>> RouteAsync(string text, CancellationToken cancellationToken)
        {
            var reason = state.RoutingReason ?? HandoffReason.Requested;
            if (state.RoutingStep == HandoffRoutingStep.Audience && (text == H.AudiencePersonal || text == H.AudienceBusiness))
            {
                state.RoutingStep = HandoffRoutingStep.Topic;
                Record(H.AskTopic, "routing");
                return [Text(H.AskTopic)];
            }

            state.RoutingStep = HandoffRoutingStep.None;
            state.RoutingReason = null;
            var answer = await owner.Search.AskAsync(text, new SearchRequest(), turn.Analysis);
            var matterId = answer.Decision is Decision.Answer or Decision.Clarify ? answer.Matter?.Id ?? answer.Matters.FirstOrDefault()?.MatterId : null;
            state.CurrentMatterId = matterId ?? state.CurrentMatterId;
            return await HandOverAsync(owner.Availability.Route(matterId, reason), answer.Matters, null, cancellationToken);
        }

        private async Task<List<OutboundReply>> HandOverAsync(Routing routing, IReadOnlyList<SearchHit> hits, string? prefix, CancellationToken cancellationToken)
        {
            var department = owner.Availability.FindDepartment(routing.DepartmentId)!;
            if (!owner.Availability.IsOpen(department))
            {
                return OfferMessage(department, routing.MatterId, prefix);
            }

            // The transcript is read once, for the handoff event and, when this message itself found nothing (转人工 names no
            // topic), for what the bot had found earlier in the conversation.
            var turns = await owner.Store.TranscriptAsync(conversation.Id, cancellationToken);
            var matters = owner.Search.Knowledge.Matters;
            var candidates = (hits.Count > 0
                    ? hits.Select(h => new HandoffCandidate(h.MatterId, h.MatterName, h.Confidence))
                    : turns.Where(t => t.Role == TurnRole.Bot && t.MatterId is not null && t.Confidence is not null && matters.ContainsKey(t.MatterId))
                        .Reverse()
                        .DistinctBy(t => t.MatterId)
                        .Select(t => new HandoffCandidate(t.MatterId!, matters[t.MatterId!].Name, t.Confidence!.Value)))
                .Take(CandidatesKept).ToList();
            var queued = await owner.Intake.QueueAsync(conversation, routing, HandoffContext.SerializeCandidates(candidates), cancellationToken);
            var text = (prefix ?? string.Empty) + queued.Text;
            Record(text, "handoff");
            var transcript = turns.Select(t => new TranscriptLine(t.Role.ToString().ToLowerInvariant(), t.Text, t.At)).ToList();
            var context = new HandoffContext(conversation.Id, conversation.Channel, routing, candidates, transcript);
            return [Text(text) with { SuggestedActions = queued.Actions.Select(Send).ToList(), Handoff = context }];
        }

        public List<OutboundReply> Offer(HandoffReason reason, string? matterId, string prefix)
        {
            RequestHandoff(reason);
            (state.OfferedHandoff, state.OfferedHandoffMatterId) = (reason, matterId);
            var department = owner.Availability.DepartmentFor(matterId);
            if (!owner.Availability.IsOpen(department))
            {
                return OfferMessage(department, matterId, prefix);
            }

            // Someone online is said only when it is true; otherwise the queue and a message for a call-back are both offered.
            var staffed = owner.Staffing.IsStaffed(department.AgentGroup);
            var text = prefix + ConversationMessages.Fill(staffed ? H.OfferNow : H.OfferNowNobodyOnline, ("Department", department.Name), ("Hours", owner.Availability.HoursText(department)));
            Record(text, "offer");
            return [Text(text) with { SuggestedActions = staffed ? [Send(H.HumanButton)] : [Send(H.HumanButton), Send(H.LeaveMessageButton)] }];
        }

        private List<OutboundReply> OfferMessage(Knowledge.Content.Department department, string? matterId, string? prefix)
        {
            state.Callback = new CallbackDraft { Step = CallbackStep.Offered, DepartmentId = department.Id, MatterId = matterId };
            var next = owner.Availability.NextOpening(department);
            var template = next is null ? H.NoOpeningKnown : H.OfferMessage;
            var text = (prefix ?? string.Empty) + ConversationMessages.Fill(
                template,
                ("Department", department.Name),
                ("Hours", owner.Availability.HoursText(department)),
                ("Next", next is { } n ? owner.Availability.MomentText(n) : string.Empty),
                ("Phone", department.Phone));
            Record(text, "offer-message");
            return [Text(text) with { SuggestedActions = [Send(H.LeaveMessageButton)] }];
        }

        // 留言, step by step: the question, a call-back number, a preferred time, then confirmation. The number is kept
        // encrypted in the dialog state, and the person is told the ticket number only once the ticket is stored.
        public async Task<List<OutboundReply>> CallbackAsync(string text, CancellationToken cancellationToken)
        {
            var draft = state.Callback!;
            if (text == H.CancelWord || Options.CancelWords.Contains(text))
            {
                state.Callback = null;
                return Say(H.MessageCancelled, "callback");
            }

            switch (draft.Step)
            {
                case CallbackStep.Offered when !owner.Tickets.MayLeaveMessage(conversation, message.SenderAddress):
                    state.Callback = null;
                    return Say(ConversationMessages.Fill(H.MessageLimit, ("Phone", DepartmentOf(draft).Phone)), "callback");
                case CallbackStep.Offered:
                    draft.Step = CallbackStep.Question;
                    return Say(H.AskQuestion, "callback", state.LastQuestion is null ? [] : [Send(H.SameQuestionButton)]);
                case CallbackStep.Question when text.Length > 0:
                    draft.Question = text == H.SameQuestionButton && state.LastQuestion is not null ? state.LastQuestion : PersonalData.Mask(text);
                    draft.Step = CallbackStep.Phone;
                    return Say(H.AskPhone, "callback");
                case CallbackStep.Phone:
                    if (PersonalData.FindPhone(text) is not { } phone)
                    {
                        return Say(H.BadPhone, "callback");
                    }

                    draft.Phone = owner.Tickets.ProtectPhone(phone);
                    draft.Step = CallbackStep.Time;
                    return Say(H.AskTime, "callback", [Send(H.AnyTime)]);
                case CallbackStep.Time when text.Length > 0:
                    draft.PreferredTime = PreferredTime(text);
                    draft.Step = CallbackStep.Confirm;
                    return Confirm(draft);
                case CallbackStep.Confirm when text == H.ConfirmWord:
                    return await SubmitAsync(draft, cancellationToken);
                case CallbackStep.Confirm:
                    return Confirm(draft);
                default:
                    return Say(draft.Step == CallbackStep.Question ? H.AskQuestion : H.AskTime, "callback");
            }
        }

        private List<OutboundReply> Confirm(CallbackDraft draft)
        {
            if (owner.Tickets.ReadPhone(draft.Phone) is not { } phone)
            {
                return AskPhoneAgain(draft);
            }

            var text = ConversationMessages.Fill(H.ConfirmMessage, ("Question", draft.Question), ("Phone", PersonalData.MaskPhone(phone)), ("Time", draft.PreferredTime));
            return Say(text, "callback", [Send(H.ConfirmWord), Send(H.CancelWord)]);
        }

        private async Task<List<OutboundReply>> SubmitAsync(CallbackDraft draft, CancellationToken cancellationToken)
        {
            if (owner.Tickets.ReadPhone(draft.Phone) is not { } phone)
            {
                return AskPhoneAgain(draft);
            }

            var created = await owner.Tickets.CreateAsync(conversation, draft, phone, message.SenderAddress, cancellationToken);
            var department = DepartmentOf(draft);
            switch (created)
            {
                case { Ticket: { } ticket }:
                    state.Callback = null;
                    return Say(ConversationMessages.Fill(
                        H.MessageTaken,
                        ("Number", ticket.Number),
                        ("Department", owner.Availability.FindDepartment(ticket.DepartmentId)?.Name ?? department.Name),
                        ("Due", owner.Availability.MomentText(ticket.DueAt)),
                        ("Phone", PersonalData.MaskPhone(phone))), "callback");
                case { Refusal: TicketRefusal.TooMany }:
                    state.Callback = null;
                    return Say(ConversationMessages.Fill(H.MessageLimit, ("Phone", department.Phone)), "callback");
                default:
                    return Say(ConversationMessages.Fill(H.MessageNotSaved, ("Phone", department.Phone)), "callback", [Send(H.ConfirmWord), Send(H.CancelWord)]);
            }
        }

        // The encrypted number cannot be read back (the service's keys changed): ask for it again, nothing else is lost.
        private List<OutboundReply> AskPhoneAgain(CallbackDraft draft)
        {
            draft.Phone = null;
            draft.Step = CallbackStep.Phone;
            return Say(H.PhoneAskedAgain, "callback");
        }

        private Knowledge.Content.Department DepartmentOf(CallbackDraft draft) =>
            owner.Availability.FindDepartment(draft.DepartmentId) ?? owner.Availability.DepartmentFor(draft.MatterId);

        // What the person said, with the date Recognizers.Text understood (明天上午 → 2026-11-27).
        // Relative days are pinned to a date the agent can act on (明天上午 → 明天上午（11月28日 周六）); the words stay as said.
        private string PreferredTime(string text)
        {
            var value = owner.Entities.Recognize(text, now, turn.Analysis).FirstOrDefault(e => e.Kind == "datetime")?.Value;
            var words = PersonalData.Mask(text);
            if (value is not { Length: >= 10 } || !DateOnly.TryParseExact(value[..10], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
            {
                return words;
            }

            return ConversationMessages.Fill(
                H.PreferredTime,
                ("Words", words),
                ("Month", day.Month.ToString(CultureInfo.InvariantCulture)),
                ("Day", day.Day.ToString(CultureInfo.InvariantCulture)),
                ("Weekday", turn.Weekdays[(int)day.DayOfWeek]));
        }

        private void RequestHandoff(HandoffReason reason)
        {
            if (conversation.RequestHandoff(reason, now) is not null)
            {
                owner.LogHandoffRequested(conversation.Id, reason);
            }
        }

        private List<OutboundReply> Say(string text, string decision, IReadOnlyList<ReplyAction>? actions = null)
        {
            Record(text, decision);
            return [Text(text) with { SuggestedActions = actions ?? [] }];
        }

        private static ReplyAction Send(string text) => new(text, ReplyActionKind.SendText, text);

        private OutboundReply Text(string text) => new(text) { IsMarkdown = message.SupportsMarkdown };

        private void Record(string text, string decision) => owner.Store.Append(conversation, Turn.FromBot(text, now, decision));
    }
}
