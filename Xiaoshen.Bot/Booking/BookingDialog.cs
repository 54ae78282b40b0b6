using System.Globalization;
using Microsoft.Extensions.Options;
using Xiaoshen.Bot.Channels;
using Xiaoshen.Bot.Conversations;
using Xiaoshen.Knowledge.Content;
using Xiaoshen.Knowledge.Search;

namespace Xiaoshen.Bot.Booking;

/// <summary>
/// Booking in-person help (线下帮办) in the chat: the matter (or the current one), the centre (by the district named),
/// the time in natural Chinese confirmed back with its date, free half days offered, the booking confirmed with its
/// code; cancelling and moving it. The turn processor has recorded the person's message; this records the replies. Scoped.
/// </summary>
public sealed class BookingDialog(
    BookingService bookings,
    ServiceCentres centres,
    IPreReviewLookup preReviews,
    KnowledgeSearch search,
    EntityRecognizer recognizer,
    ConversationStore store,
    IOptionsMonitor<BookingOptions> options,
    IOptionsMonitor<BookingMessages> messages,
    IOptionsMonitor<ConversationMessages> conversationMessages)
{
    private BookingMessages M => messages.CurrentValue;

    private BookingOptions O => options.CurrentValue;

    /// <summary>The button under an answer about <paramref name="matterId"/>, when a centre books help for it.</summary>
    public IEnumerable<ReplyAction> Offers(string? matterId) => centres.ForMatter(matterId).Count == 0 ? [] : [Send(M.StartButton)];

    /// <summary>The replies when this turn belongs to a booking; null when it does not.</summary>
    public async Task<List<OutboundReply>?> TakeAsync(BookingTurn turn, CancellationToken cancellationToken)
    {
        var text = turn.Text;
        var state = turn.State.Booking;

        // A booking chosen from the list (its label may contain any words, even a cancel or change phrase).
        if (state is { Step: BookingStep.ChooseCancel or BookingStep.ChooseChange } && state.Choices.ContainsKey(text))
        {
            return await ChosenAsync(turn, state, cancellationToken);
        }

        if (text.Length > 0 && (O.CancelPhrases.Any(p => text.Contains(p, StringComparison.Ordinal)) || text == M.CancelButton))
        {
            return await CancelAsync(turn, cancellationToken);
        }

        if (text.Length > 0 && (O.ChangePhrases.Any(p => text.Contains(p, StringComparison.Ordinal)) || text == M.ChangeButton))
        {
            return await ChangeAsync(turn, cancellationToken);
        }

        if (state is not null && text == M.StopWord)
        {
            turn.State.Booking = null;
            return Say(turn, M.Stopped);
        }

        if (state is not null && text.Length > 0)
        {
            return state.Step switch
            {
                BookingStep.Matter => await MatterChosenAsync(turn, state, cancellationToken),
                BookingStep.Centre => await CentreChosenAsync(turn, state, cancellationToken),
                BookingStep.ChooseCancel or BookingStep.ChooseChange => await ChosenAsync(turn, state, cancellationToken),
                BookingStep.Slot when state.Offered.FirstOrDefault(o => o.Label == text) is { } slot => await BookAsync(turn, state, slot, cancellationToken),
                _ => await TimeSaidAsync(turn, state, cancellationToken),
            };
        }

        var leader = O.LeaderPhrases.Any(p => text.Contains(p, StringComparison.Ordinal));
        if (text.Length == 0 || !(leader || text == M.StartButton || O.StartPhrases.Any(p => text.Contains(p, StringComparison.Ordinal))))
        {
            return null;
        }

        var named = await FitAsync(text, cancellationToken);
        var matter = named is { Certain: true, Bookable: [var one] } ? one.Id
            : centres.ForMatter(turn.State.CurrentMatterId).Count > 0 ? turn.State.CurrentMatterId : null;
        var started = new BookingDialogState { Leader = leader };
        turn.State.Booking = started;
        if (matter is null)
        {
            started.Step = BookingStep.Matter;
            return Say(turn, M.AskMatter, MatterButtons(turn, started, []));
        }

        return await MatterKnownAsync(turn, started, matter, cancellationToken);
    }

    // The answer to 请问您要办什么事项: a matter button, a matter a centre books, several to choose from, a matter no
    // centre books (said so, with where to apply instead), or nothing recognised (a hint). Never the bare question again.
    private async Task<List<OutboundReply>> MatterChosenAsync(BookingTurn turn, BookingDialogState state, CancellationToken cancellationToken)
    {
        if (state.MatterChoices.TryGetValue(turn.Text, out var chosen))
        {
            return await MatterKnownAsync(turn, state, chosen, cancellationToken);
        }

        var fit = await FitAsync(turn.Text, cancellationToken);
        if (fit is { Certain: true, Bookable: [var matter] })
        {
            return await MatterKnownAsync(turn, state, matter.Id, cancellationToken);
        }

        if (fit.Bookable.Count > 0)
        {
            return Say(turn, M.ChooseMatter, MatterButtons(turn, state, fit.Bookable, onlyThese: true));
        }

        var buttons = MatterButtons(turn, state, []);
        var example = state.MatterChoices.Keys.FirstOrDefault() ?? string.Empty;
        if (fit.Named.Count == 0)
        {
            return Say(turn, ConversationMessages.Fill(M.MatterNotUnderstood, ("Example", example)), buttons);
        }

        if (fit.Certain)
        {
            turn.State.CurrentMatterId = fit.Named[0].Id;
        }

        var names = string.Concat(fit.Named.Select(m => ConversationMessages.Fill(M.MatterInList, ("Matter", m.Name))));
        var lines = new List<string> { ConversationMessages.Fill(M.NotBookable, ("Matters", names)) };
        if (fit.Named[0].Entry is { } entry)
        {
            lines.Add(ConversationMessages.Fill(M.NotBookableEntry, ("Matter", fit.Named[0].Name), ("Entry", entry.Name)));
        }

        lines.Add(M.NotBookableInstead);
        return Say(turn, string.Join('\n', lines), buttons);
    }

    // The rules about the person first (no-shows, a booking already held), then the centre.
    private async Task<List<OutboundReply>> MatterKnownAsync(BookingTurn turn, BookingDialogState state, string matterId, CancellationToken cancellationToken)
    {
        state.MatterId = matterId;
        turn.State.CurrentMatterId = matterId;
        var person = BookingService.PersonKey(turn.Conversation);
        if (await bookings.RestrictionAsync(person, cancellationToken) is { } restriction)
        {
            turn.State.Booking = null;
            return Say(turn, ConversationMessages.Fill(
                M.Restricted,
                ("Count", restriction.NoShows.ToString(CultureInfo.InvariantCulture)),
                ("Days", O.NoShowWindowDays.ToString(CultureInfo.InvariantCulture)),
                ("Until", DayText(restriction.Until, null))));
        }

        if (state.Replacing is null && (await bookings.OpenForAsync(person, cancellationToken)).Where(b => b.MatterId == matterId).ToList() is { } held && held.Count >= O.MaxOpenPerPersonAndMatter)
        {
            turn.State.Booking = null;
            return Say(turn, ConversationMessages.Fill(M.AlreadyBooked, ("Booking", Describe(held[0]))), [Send(M.ChangeButton), Send(M.CancelButton)]);
        }

        if (centres.NamedIn(turn.Text, matterId) is { } centre)
        {
            state.CentreId = centre.Id;
            return await CentreKnownAsync(turn, state, centre, cancellationToken);
        }

        state.Step = BookingStep.Centre;
        return Say(turn, ConversationMessages.Fill(M.AskCentre, ("Matter", MatterName(matterId))), CentreButtons(matterId));
    }

    // A place that has no centre for the matter: said so, and the districts that have one listed and offered again.
    private async Task<List<OutboundReply>> CentreChosenAsync(BookingTurn turn, BookingDialogState state, CancellationToken cancellationToken)
    {
        if (centres.NamedIn(turn.Text, state.MatterId) is not { } centre)
        {
            var matter = MatterName(state.MatterId!);
            var words = turn.Text.Trim();
            var wrong = centres.NamedAnywhere(turn.Text) is { } other
                ? ConversationMessages.Fill(M.CentreNotForMatter, ("Centre", other.Name), ("Matter", matter))
                : ConversationMessages.Fill(M.UnknownCentre, ("Words", words.Length <= O.EchoedPlaceLength ? words : words[..O.EchoedPlaceLength] + "…"));
            var districts = string.Join(conversationMessages.CurrentValue.ListSeparator, centres.ForMatter(state.MatterId).Select(c => c.District));
            return Say(turn, wrong + "\n" + ConversationMessages.Fill(M.ChooseDistrict, ("Matter", matter), ("Districts", districts)), CentreButtons(state.MatterId!));
        }

        state.CentreId = centre.Id;
        return await CentreKnownAsync(turn, state, centre, cancellationToken);
    }

    private async Task<List<OutboundReply>> CentreKnownAsync(BookingTurn turn, BookingDialogState state, ServiceCentre centre, CancellationToken cancellationToken)
    {
        if (BookingTime.Parse(turn.Text, turn.Now, recognizer, M.Morning, M.Afternoon, cancellationToken) is { } time)
        {
            return await OfferAsync(turn, state, centre, time, cancellationToken);
        }

        // Leaders come on a few half days only: those in the window are offered at once rather than asking for a time.
        if (state.Leader)
        {
            return await OfferAsync(turn, state, centre, new BookingTime(null, null), cancellationToken);
        }

        state.Step = BookingStep.Time;
        return Say(turn, ConversationMessages.Fill(M.AskTime, ("Centre", centre.Name), ("Hours", HoursText(centre))), [Send(M.StopWord)]);
    }

    private async Task<List<OutboundReply>> TimeSaidAsync(BookingTurn turn, BookingDialogState state, CancellationToken cancellationToken)
    {
        if (centres.Find(state.CentreId) is not { } centre)
        {
            turn.State.Booking = null;
            return Say(turn, M.Stopped);
        }

        if (BookingTime.Parse(turn.Text, turn.Now, recognizer, M.Morning, M.Afternoon, cancellationToken) is not { } time)
        {
            return Say(turn, M.TimeNotUnderstood, [.. state.Offered.Select(o => Send(o.Label)), Send(M.StopWord)]);
        }

        return await OfferAsync(turn, state, centre, time, cancellationToken);
    }

    // The time said, confirmed back with its date; the free half days of that day (or the nearest free ones) as buttons.
    private async Task<List<OutboundReply>> OfferAsync(BookingTurn turn, BookingDialogState state, ServiceCentre centre, BookingTime time, CancellationToken cancellationToken)
    {
        var window = bookings.Window;
        var today = bookings.Today;
        var days = window.Days(today);
        if (time.Impossible is { } impossible)
        {
            return AskAgain(turn, state, days, ConversationMessages.Fill(
                M.ImpossibleDate,
                ("Words", turn.Text),
                ("Year", impossible.Year.ToString(CultureInfo.InvariantCulture)),
                ("Month", impossible.Month.ToString(CultureInfo.InvariantCulture)),
                ("Day", impossible.Day.ToString(CultureInfo.InvariantCulture))));
        }

        if (time.Date is { } past && past < today)
        {
            return AskAgain(turn, state, days, ConversationMessages.Fill(M.PastDate, ("Date", DayText(past, time.Half))));
        }

        var lines = new List<string>();
        List<SlotOffer> offers = [];
        if (time.Date is { } date)
        {
            lines.Add(ConversationMessages.Fill(M.TimeUnderstood, ("Words", turn.Text), ("Date", DayText(date, time.Half))));
            var check = window.Check(today, date);
            if (check == DayCheck.Bookable)
            {
                offers = (await bookings.FreeAsync(centre, [date], state.Leader, cancellationToken)).Where(o => time.Half is null || o.Half == time.Half).ToList();
                if (offers.Count == 0)
                {
                    lines.Add(ConversationMessages.Fill(M.Full, ("Date", DayText(date, time.Half))));
                }
            }
            else
            {
                lines.Add(Refusal(check, date, days, window));
            }
        }

        if (offers.Count == 0)
        {
            // Nearest first: the days after the one asked for, then the rest of the window.
            var free = await bookings.FreeAsync(centre, days, state.Leader, cancellationToken);
            offers = free.Where(o => (time.Half is null || o.Half == time.Half) && (time.Date is null || o.Date >= time.Date))
                .Concat(free)
                .Distinct()
                .Take(O.AlternativesOffered)
                .ToList();
            if (state.Leader && offers.Count == 0)
            {
                lines.Add(M.NoLeaderSlots);
                state.Leader = false;
                offers = (await bookings.FreeAsync(centre, days, false, cancellationToken)).Take(O.AlternativesOffered).ToList();
            }
        }

        state.Offered = offers.Select(o => new OfferedSlot(SlotLabel(o), o.Date, o.Half, o.Leader, o.LeaderTitle)).ToList();
        state.Step = BookingStep.Slot;
        lines.Add(offers.Count == 0 ? M.NoSlots : ConversationMessages.Fill(M.ChooseSlot, ("Centre", centre.Name)));
        return Say(turn, string.Join('\n', lines), [.. state.Offered.Select(o => Send(o.Label)), Send(M.StopWord)]);
    }

    // A date that cannot be booked at all: what was wrong, the days that can be, and the question again (nothing offered).
    private List<OutboundReply> AskAgain(BookingTurn turn, BookingDialogState state, List<DateOnly> days, string wrong)
    {
        state.Step = BookingStep.Time;
        state.Offered = [];
        var window = ConversationMessages.Fill(M.AskAgainWindow, ("First", days.Count > 0 ? DayText(days[0], null) : string.Empty), ("Last", days.Count > 0 ? DayText(days[^1], null) : string.Empty));
        return Say(turn, wrong + "\n" + window, [Send(M.StopWord)]);
    }

    private async Task<List<OutboundReply>> BookAsync(BookingTurn turn, BookingDialogState state, OfferedSlot offered, CancellationToken cancellationToken)
    {
        var centre = centres.Find(state.CentreId)!;
        var slot = new SlotOffer(offered.Date, offered.Half, offered.Leader, offered.LeaderTitle, 1);
        var result = await bookings.BookAsync(centre, state.MatterId!, slot, turn.Conversation, state.Replacing, cancellationToken);
        switch (result.Outcome)
        {
            case BookOutcome.Booked:
                turn.State.Booking = null;
                var booking = result.Booking!;
                var lines = new List<string>
                {
                    ConversationMessages.Fill(
                        M.Booked,
                        ("Centre", centre.Name),
                        ("Date", DayText(booking.Date, booking.Half)),
                        ("Hours", BookingMessages.Period(centre.Hours(booking.Half))),
                        ("Code", booking.Code),
                        ("Address", centre.Address)),
                };
                if (booking.Leader.Length > 0)
                {
                    lines.Add(ConversationMessages.Fill(M.LeaderLine, ("Leader", booking.Leader), ("Title", offered.LeaderTitle)));
                }

                if (await preReviews.LatestAsync(booking.PersonKey, booking.MatterId, cancellationToken) is { } preReview)
                {
                    lines.Add(ConversationMessages.Fill(M.PreReviewLine, ("Number", preReview.Number)));
                }

                return Say(turn, string.Join('\n', lines), [Send(M.ChangeButton), Send(M.CancelButton)]);
            case BookOutcome.Full:
                var replies = Say(turn, M.SlotTaken);
                replies.AddRange(await OfferAsync(turn, state, centre, new BookingTime(null, null), cancellationToken));
                return replies;
            default:
                turn.State.Booking = null;
                return await MatterKnownAsync(turn, new BookingDialogState { Leader = state.Leader, Replacing = state.Replacing }, state.MatterId!, cancellationToken);
        }
    }

    private async Task<List<OutboundReply>?> CancelAsync(BookingTurn turn, CancellationToken cancellationToken)
    {
        var open = await BookedAsync(turn, cancellationToken);
        if (open.Count == 0)
        {
            // 取消预约 may be a question about another kind of appointment: the knowledge base answers it.
            return turn.State.Booking is null ? null : Stop(turn, M.NothingToCancel);
        }

        return open.Count == 1 ? await CancelOneAsync(turn, open[0].Id, cancellationToken) : Choose(turn, BookingStep.ChooseCancel, open);
    }

    // 改约: the one open booking, or the one chosen among several, is moved; a new time is asked for at the same centre.
    private async Task<List<OutboundReply>?> ChangeAsync(BookingTurn turn, CancellationToken cancellationToken)
    {
        var open = await BookedAsync(turn, cancellationToken);
        if (open.Count == 0)
        {
            return turn.State.Booking is null ? null : Stop(turn, M.NothingToCancel);
        }

        return open.Count == 1 ? ChangeOne(turn, open[0]) : Choose(turn, BookingStep.ChooseChange, open);
    }

    // Several bookings: one button each (matter, centre, date), to cancel or to change.
    private List<OutboundReply> Choose(BookingTurn turn, BookingStep step, List<CentreBooking> open)
    {
        var state = new BookingDialogState { Step = step, Choices = open.ToDictionary(ChoiceLabel, b => b.Id) };
        turn.State.Booking = state;
        return AskChoice(turn, state);
    }

    private List<OutboundReply> AskChoice(BookingTurn turn, BookingDialogState state) =>
        Say(turn, state.Step == BookingStep.ChooseCancel ? M.ChooseBooking : M.ChooseBookingToChange, [.. state.Choices.Keys.Select(Send), Send(M.StopWord)]);

    private async Task<List<OutboundReply>> ChosenAsync(BookingTurn turn, BookingDialogState state, CancellationToken cancellationToken)
    {
        if (!state.Choices.TryGetValue(turn.Text, out var id))
        {
            return AskChoice(turn, state);
        }

        if (state.Step == BookingStep.ChooseCancel)
        {
            return await CancelOneAsync(turn, id, cancellationToken);
        }

        return (await BookedAsync(turn, cancellationToken)).FirstOrDefault(b => b.Id == id) is { } booking ? ChangeOne(turn, booking) : Stop(turn, M.NothingToCancel);
    }

    private async Task<List<OutboundReply>> CancelOneAsync(BookingTurn turn, Guid id, CancellationToken cancellationToken)
    {
        turn.State.Booking = null;
        var cancelled = await bookings.CancelAsync(id, BookingService.PersonKey(turn.Conversation), cancellationToken);
        return cancelled is null ? Say(turn, M.NothingToCancel) : Say(turn, ConversationMessages.Fill(M.Cancelled, ("Booking", Describe(cancelled))));
    }

    private List<OutboundReply> ChangeOne(BookingTurn turn, CentreBooking booking)
    {
        var centre = centres.Find(booking.CentreId)!;
        turn.State.CurrentMatterId = booking.MatterId;
        turn.State.Booking = new BookingDialogState
        {
            Step = BookingStep.Time,
            MatterId = booking.MatterId,
            CentreId = booking.CentreId,
            Leader = booking.Leader.Length > 0,
            Replacing = booking.Id,
        };
        var text = ConversationMessages.Fill(M.Changing, ("Booking", Describe(booking))) + "\n"
            + ConversationMessages.Fill(M.AskTime, ("Centre", centre.Name), ("Hours", HoursText(centre)));
        return Say(turn, text, [Send(M.StopWord)]);
    }

    // The person's bookings that can still be cancelled or moved (not yet checked in).
    private async Task<List<CentreBooking>> BookedAsync(BookingTurn turn, CancellationToken cancellationToken) =>
        (await bookings.OpenForAsync(BookingService.PersonKey(turn.Conversation), cancellationToken)).Where(b => b.Status == BookingStatus.Booked).ToList();

    private string Refusal(DayCheck check, DateOnly date, List<DateOnly> days, BookingWindow window) => check switch
    {
        DayCheck.Weekend => ConversationMessages.Fill(M.NotWorkingDay, ("Date", DayText(date, null)), ("Reason", M.WeekendReason)),
        DayCheck.Holiday => ConversationMessages.Fill(M.NotWorkingDay, ("Date", DayText(date, null)), ("Reason", ConversationMessages.Fill(M.HolidayReason, ("Holiday", window.HolidayName(date))))),
        DayCheck.TooSoon => ConversationMessages.Fill(M.TooSoon, ("Date", DayText(date, null)), ("Min", O.MinWorkingDaysAhead.ToString(CultureInfo.InvariantCulture)), ("First", days.Count > 0 ? DayText(days[0], null) : string.Empty)),
        _ => ConversationMessages.Fill(M.TooLate, ("Date", DayText(date, null)), ("Max", O.MaxWorkingDaysAhead.ToString(CultureInfo.InvariantCulture)), ("Last", days.Count > 0 ? DayText(days[^1], null) : string.Empty)),
    };

    private string DayText(DateOnly date, HalfDay? half) => M.Day(date, half, conversationMessages.CurrentValue.Weekdays);

    private string SlotLabel(SlotOffer offer) => offer.IsLeader
        ? ConversationMessages.Fill(M.LeaderSlotButton, ("Date", DayText(offer.Date, offer.Half)), ("Leader", offer.Leader), ("Title", offer.LeaderTitle), ("Free", offer.Free.ToString(CultureInfo.InvariantCulture)))
        : ConversationMessages.Fill(M.SlotButton, ("Date", DayText(offer.Date, offer.Half)), ("Free", offer.Free.ToString(CultureInfo.InvariantCulture)));

    private string ChoiceLabel(CentreBooking booking) => ConversationMessages.Fill(
        M.ChoiceButton,
        ("Matter", MatterName(booking.MatterId)),
        ("Centre", centres.Find(booking.CentreId)?.Name ?? booking.CentreId),
        ("Date", DayText(booking.Date, booking.Half)),
        ("Code", booking.Code));

    private string Describe(CentreBooking booking) => ConversationMessages.Fill(
        M.BookingLine,
        ("Code", booking.Code),
        ("Centre", centres.Find(booking.CentreId)?.Name ?? booking.CentreId),
        ("Date", DayText(booking.Date, booking.Half)));

    private string HoursText(ServiceCentre centre) =>
        $"{M.Morning} {BookingMessages.Period(centre.Morning)}{conversationMessages.CurrentValue.ListSeparator}{M.Afternoon} {BookingMessages.Period(centre.Afternoon)}";

    private List<ReplyAction> CentreButtons(string matterId) => centres.ForMatter(matterId).Select(c => Send(c.Name)).Append(Send(M.StopWord)).ToList();

    private string MatterName(string matterId) => search.Knowledge.Matters.TryGetValue(matterId, out var m) ? m.Name : matterId;

    // The matters the message names: the one answered (certain), or the candidates of a clarify question; and of
    // those, the ones a centre books help for.
    private async Task<MatterFit> FitAsync(string text, CancellationToken cancellationToken)
    {
        var answer = await search.AskAsync(text, new SearchRequest(), cancellationToken);
        IReadOnlyList<Matter> named = answer.Decision switch
        {
            Decision.Answer when answer.Matter is { } matter => [matter],
            Decision.Clarify => answer.Matters.Select(h => search.Knowledge.Matters.GetValueOrDefault(h.MatterId)).OfType<Matter>().ToList(),
            _ => [],
        };
        return new MatterFit(named, named.Where(m => centres.ForMatter(m.Id).Count > 0).ToList(), answer.Decision is Decision.Answer);
    }

    // Matters to choose from as buttons (their names, remembered for the next turn): the ones given, else the bookable
    // matters talked about in this conversation (newest first) and then those the most centres book, in file order.
    private List<ReplyAction> MatterButtons(BookingTurn turn, BookingDialogState state, IReadOnlyList<Matter> given, bool onlyThese = false)
    {
        var recent = turn.Conversation.Turns.Reverse().Select(t => t.MatterId);
        var common = centres.All.SelectMany(c => c.Matters).CountBy(id => id).OrderByDescending(c => c.Value).Select(c => c.Key);
        var ids = onlyThese ? given.Select(m => m.Id) : given.Select(m => m.Id).Concat(recent.OfType<string>().Where(id => centres.ForMatter(id).Count > 0)).Concat(common);
        state.MatterChoices = ids.Distinct()
            .Select(id => search.Knowledge.Matters.GetValueOrDefault(id))
            .OfType<Matter>()
            .Take(onlyThese ? int.MaxValue : O.MattersOffered)
            .ToDictionary(m => m.Name, m => m.Id);
        return [.. state.MatterChoices.Keys.Select(Send), Send(M.StopWord)];
    }

    private List<OutboundReply> Stop(BookingTurn turn, string text)
    {
        turn.State.Booking = null;
        return Say(turn, text);
    }

    private List<OutboundReply> Say(BookingTurn turn, string text, IReadOnlyList<ReplyAction>? actions = null)
    {
        store.Append(turn.Conversation, Turn.FromBot(text, turn.Now, "booking", turn.State.Booking?.MatterId ?? turn.State.CurrentMatterId));
        return [new OutboundReply(text) { IsMarkdown = false, SuggestedActions = actions ?? [] }];
    }

    private static ReplyAction Send(string text) => new(text, ReplyActionKind.SendText, text);
}

/// <summary>The matters a message names, those a centre books help for, and whether the search was certain (an answer, not a clarify question).</summary>
internal sealed record MatterFit(IReadOnlyList<Matter> Named, IReadOnlyList<Matter> Bookable, bool Certain);

/// <summary>One turn as the booking dialog sees it: the conversation, its dialog state, the person's words and the time.</summary>
public sealed record BookingTurn(Conversation Conversation, DialogState State, string Text, DateTimeOffset Now);
