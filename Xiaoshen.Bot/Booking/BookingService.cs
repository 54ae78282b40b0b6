using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Xiaoshen.Bot.Handoff;
using Xiaoshen.Bot.Storage;
using Xiaoshen.Knowledge.Content;

namespace Xiaoshen.Bot.Booking;

/// <summary>
/// Bookings of in-person help: free places per half day, booking under the configured rules, cancelling and moving,
/// and the centre's marks (check-in, done, no-show). A place is taken by one conditional update of the slot's count in
/// the booking's transaction, so the last place goes to one person only, on SQLite and PostgreSQL alike. Singleton.
/// </summary>
public sealed partial class BookingService(
    IServiceScopeFactory scopes,
    ServiceCentres centres,
    HandoffAvailability availability,
    IOptionsMonitor<BookingOptions> options,
    TimeProvider time,
    ILogger<BookingService> logger)
{
    /// <summary>Raised when a booking is made, cancelled or marked, so consoles refresh.</summary>
    public event Action? Changed;

    /// <summary>Today in Beijing.</summary>
    public DateOnly Today => DateOnly.FromDateTime(time.GetUtcNow().ToOffset(WorkingCalendar.Offset).DateTime);

    /// <summary>The days that can be booked, on the current holiday calendar.</summary>
    public BookingWindow Window => new(availability.Calendar, options.CurrentValue.MinWorkingDaysAhead, options.CurrentValue.MaxWorkingDaysAhead);

    /// <summary>Who a conversation's person is, for their bookings and no-shows.</summary>
    public static string PersonKey(Conversations.Conversation conversation) =>
        $"{conversation.Channel}:{conversation.UserId ?? conversation.ChannelConversationId}";

    /// <summary>The half days of <paramref name="days"/> with places left: regular ones, or leader ones when <paramref name="leader"/>.</summary>
    public async Task<List<SlotOffer>> FreeAsync(ServiceCentre centre, IReadOnlyCollection<DateOnly> days, bool leader, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<XiaoshenDbContext>();
        var counts = await db.SlotCounts.AsNoTracking().Where(s => s.CentreId == centre.Id && days.Contains(s.Date)).ToListAsync(cancellationToken);
        int Booked(DateOnly day, HalfDay half, string who) => counts.FirstOrDefault(c => c.Date == day && c.Half == half && c.Leader == who)?.Booked ?? 0;

        var offers = leader
            ? centre.Leaders.SelectMany(l => days.SelectMany(d => l.SessionsBetween(d, d, _ => true)).Select(s => new SlotOffer(s.Date, s.Half, l.Name, l.Title, s.Capacity - Booked(s.Date, s.Half, l.Name))))
            : days.SelectMany(d => new[] { HalfDay.Morning, HalfDay.Afternoon }.Select(h => new SlotOffer(d, h, string.Empty, string.Empty, centre.Capacity(h) - Booked(d, h, string.Empty))));
        return offers.Where(o => o.Free > 0).OrderBy(o => o.Date).ThenBy(o => o.Half).ToList();
    }

    /// <summary>The person's bookings still to come (booked or checked in), soonest first.</summary>
    public async Task<List<CentreBooking>> OpenForAsync(string personKey, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<XiaoshenDbContext>();
        var open = await db.CentreBookings.AsNoTracking()
            .Where(b => b.PersonKey == personKey && (b.Status == BookingStatus.Booked || b.Status == BookingStatus.CheckedIn))
            .ToListAsync(cancellationToken);
        return open.OrderBy(b => b.Date).ThenBy(b => b.Half).ToList();
    }

    /// <summary>Whether repeated no-shows keep the person from booking online today.</summary>
    public async Task<NoShowRestriction?> RestrictionAsync(string personKey, CancellationToken cancellationToken)
    {
        var o = options.CurrentValue;
        var since = Today.AddDays(-o.NoShowWindowDays);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<XiaoshenDbContext>();
        var missed = await db.CentreBookings.AsNoTracking()
            .Where(b => b.PersonKey == personKey && b.Status == BookingStatus.NoShow && b.Date >= since)
            .Select(b => b.Date)
            .ToListAsync(cancellationToken);
        if (missed.Count < o.NoShowLimit)
        {
            return null;
        }

        var until = missed.Max().AddDays(o.NoShowRestrictionDays);
        return Today < until ? new NoShowRestriction(missed.Count, until) : null;
    }

    /// <summary>
    /// Books <paramref name="slot"/> for the person under the rules; when <paramref name="replacing"/> is given, that booking
    /// is cancelled in the same transaction (a change of time).
    /// </summary>
    public async Task<BookResult> BookAsync(
        ServiceCentre centre, string matterId, SlotOffer slot, Conversations.Conversation conversation, Guid? replacing, CancellationToken cancellationToken)
    {
        var o = options.CurrentValue;
        var person = PersonKey(conversation);
        if (Window.Check(Today, slot.Date) != DayCheck.Bookable)
        {
            return new BookResult(BookOutcome.DayNotBookable);
        }

        if (await RestrictionAsync(person, cancellationToken) is not null)
        {
            return new BookResult(BookOutcome.Restricted);
        }

        var held = (await OpenForAsync(person, cancellationToken)).Where(b => b.MatterId == matterId && b.Id != replacing).ToList();
        if (held.Count >= o.MaxOpenPerPersonAndMatter)
        {
            return new BookResult(BookOutcome.AlreadyBooked);
        }

        // The first seat the person's other open bookings of the matter leave free; a booking made at the same moment
        // picks the same one, and the unique index lets only one of the two be saved.
        var seat = Enumerable.Range(1, o.MaxOpenPerPersonAndMatter).First(s => held.All(b => b.OpenSeat != s));

        var capacity = slot.IsLeader
            ? centre.Leaders.FirstOrDefault(l => l.Name == slot.Leader)?.SessionOn(slot.Date, slot.Half)?.Capacity ?? 0
            : centre.Capacity(slot.Half);
        await EnsureSlotAsync(centre.Id, slot, cancellationToken);

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<XiaoshenDbContext>();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);

        // The place is taken only if one is left at this moment: the database decides between two people asking at once.
        var taken = await db.SlotCounts
            .Where(s => s.CentreId == centre.Id && s.Date == slot.Date && s.Half == slot.Half && s.Leader == slot.Leader && s.Booked < capacity)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.Booked, c => c.Booked + 1), cancellationToken);
        if (taken == 0)
        {
            await transaction.RollbackAsync(cancellationToken);
            LogFull(centre.Id, slot.Date, slot.Half);
            return new BookResult(BookOutcome.Full);
        }

        if (replacing is { } oldId && await db.CentreBookings.FirstOrDefaultAsync(b => b.Id == oldId && b.PersonKey == person, cancellationToken) is { Status: BookingStatus.Booked } old)
        {
            old.Cancel(time.GetUtcNow());
            await ReleaseAsync(db, old, cancellationToken);
            await db.SaveChangesAsync(cancellationToken); // frees the old booking's seat before the new one takes it
        }

        var booking = CentreBooking.Create(centre.Id, matterId, slot.Date, slot.Half, slot.Leader, conversation.Id, conversation.Channel, person, seat, time.GetUtcNow());
        db.CentreBookings.Add(booking);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // The same person booked the matter a moment ago (two taps, two devices): the rule holds, no place is taken.
            await transaction.RollbackAsync(cancellationToken);
            if (!await HoldsSeatAsync(person, matterId, seat, cancellationToken))
            {
                throw;
            }

            LogAlreadyBooked(matterId);
            return new BookResult(BookOutcome.AlreadyBooked);
        }

        await transaction.CommitAsync(cancellationToken);
        LogBooked(booking.Code, centre.Id, slot.Date, slot.Half, slot.IsLeader);
        Changed?.Invoke();
        return new BookResult(BookOutcome.Booked, booking);
    }

    /// <summary>Cancels the person's booking and frees its place; null when it is not theirs or not open.</summary>
    public async Task<CentreBooking?> CancelAsync(Guid bookingId, string personKey, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<XiaoshenDbContext>();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (await db.CentreBookings.FirstOrDefaultAsync(b => b.Id == bookingId && b.PersonKey == personKey, cancellationToken) is not { Status: BookingStatus.Booked } booking)
        {
            return null;
        }

        booking.Cancel(time.GetUtcNow());
        await ReleaseAsync(db, booking, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        LogCancelled(booking.Code);
        Changed?.Invoke();
        return booking;
    }

    /// <summary>A centre's bookings of one day (all statuses but cancelled), by half day.</summary>
    public async Task<List<CentreBooking>> DayAsync(string centreId, DateOnly day, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<XiaoshenDbContext>();
        var bookings = await db.CentreBookings.AsNoTracking()
            .Where(b => b.CentreId == centreId && b.Date == day && b.Status != BookingStatus.Cancelled)
            .ToListAsync(cancellationToken);
        return bookings.OrderBy(b => b.Half).ThenBy(b => b.CreatedAt).ToList();
    }

    /// <summary>
    /// Staff mark a visit: checked in, done, or no-show, under the desk's rules on today's date (<see cref="CentreBooking.Mark"/>).
    /// Anything but <see cref="MarkOutcome.Marked"/> changed nothing.
    /// </summary>
    public async Task<MarkOutcome> MarkAsync(Guid bookingId, BookingStatus to, string humanAgentId, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<XiaoshenDbContext>();
        var booking = await db.CentreBookings.AsNoTracking().FirstOrDefaultAsync(b => b.Id == bookingId, cancellationToken);
        if (booking is null)
        {
            return MarkOutcome.Unknown;
        }

        var from = booking.Status;
        var outcome = booking.Mark(to, humanAgentId, Today, time.GetUtcNow());
        if (outcome != MarkOutcome.Marked)
        {
            LogMarkRefused(booking.Code, to, outcome);
            return outcome;
        }

        // Saved only if the booking is still where it was read: of two staff marking it at once (签到 and 未到场), one wins.
        var saved = await db.CentreBookings
            .Where(b => b.Id == bookingId && b.Status == from)
            .ExecuteUpdateAsync(
                s => s.SetProperty(b => b.Status, booking.Status)
                    .SetProperty(b => b.OpenSeat, booking.OpenSeat)
                    .SetProperty(b => b.ChangedAt, booking.ChangedAt)
                    .SetProperty(b => b.MarkedBy, booking.MarkedBy),
                cancellationToken);
        if (saved == 0)
        {
            LogMarkRefused(booking.Code, to, MarkOutcome.AlreadyMarked);
            return MarkOutcome.AlreadyMarked;
        }

        LogMarked(booking.Code, to, humanAgentId);
        Changed?.Invoke();
        return MarkOutcome.Marked;
    }

    /// <summary>Every leader of every centre with this year's sessions and the people they helped (bookings marked done).</summary>
    public async Task<List<LeaderRecord>> LeadersAsync(CancellationToken cancellationToken)
    {
        var today = Today;
        var (first, last) = (new DateOnly(today.Year, 1, 1), new DateOnly(today.Year, 12, 31));
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<XiaoshenDbContext>();
        var done = await db.CentreBookings.AsNoTracking()
            .Where(b => b.Leader != string.Empty && b.Status == BookingStatus.Done && b.Date >= first && b.Date <= last)
            .Select(b => new { b.CentreId, b.Leader })
            .ToListAsync(cancellationToken);
        return centres.All
            .SelectMany(c => c.Leaders.Select(l =>
            {
                var sessions = l.SessionsBetween(first, last, availability.Calendar.IsWorkingDay).ToList();
                return new LeaderRecord(
                    c.Name,
                    l.Name,
                    l.Title,
                    sessions.Count,
                    done.Count(d => d.CentreId == c.Id && d.Leader == l.Name),
                    sessions.Where(s => s.Date >= today).Select(s => (DateOnly?)s.Date).Min());
            }))
            .OrderBy(r => r.HasDoneTheirs)
            .ThenBy(r => r.Centre, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>Bookings for tomorrow on the reminder channels not yet reminded, once it is past the reminder hour.</summary>
    public async Task<List<CentreBooking>> DueRemindersAsync(CancellationToken cancellationToken)
    {
        var o = options.CurrentValue;
        if (time.GetUtcNow().ToOffset(WorkingCalendar.Offset).Hour < o.ReminderHour)
        {
            return [];
        }

        var tomorrow = Today.AddDays(1);
        var channels = o.ReminderChannels.Select(c => c.ToLowerInvariant()).ToList();
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<XiaoshenDbContext>();
        return await db.CentreBookings.AsNoTracking()
            .Where(b => b.Date == tomorrow && b.Status == BookingStatus.Booked && b.RemindedAt == null && channels.Contains(b.Channel))
            .ToListAsync(cancellationToken);
    }

    public async Task RecordReminderAsync(Guid bookingId, string result, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<XiaoshenDbContext>();
        if (await db.CentreBookings.FirstOrDefaultAsync(b => b.Id == bookingId, cancellationToken) is { } booking)
        {
            booking.Reminded(result, time.GetUtcNow());
            await db.SaveChangesAsync(cancellationToken);
        }
    }

    // The slot's row exists before anyone takes a place in it; two people creating it at once is fine (one insert wins).
    private async Task EnsureSlotAsync(string centreId, SlotOffer slot, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<XiaoshenDbContext>();
        if (await db.SlotCounts.AnyAsync(s => s.CentreId == centreId && s.Date == slot.Date && s.Half == slot.Half && s.Leader == slot.Leader, cancellationToken))
        {
            return;
        }

        db.SlotCounts.Add(SlotCount.Empty(centreId, slot.Date, slot.Half, slot.Leader));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // created by a booking at the same moment
        }
    }

    // Whether another open booking of the person's holds the seat (read outside the failed transaction).
    private async Task<bool> HoldsSeatAsync(string personKey, string matterId, int seat, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<XiaoshenDbContext>();
        return await db.CentreBookings.AsNoTracking().AnyAsync(b => b.PersonKey == personKey && b.MatterId == matterId && b.OpenSeat == seat, cancellationToken);
    }

    private static Task<int> ReleaseAsync(XiaoshenDbContext db, CentreBooking booking, CancellationToken cancellationToken) =>
        db.SlotCounts
            .Where(s => s.CentreId == booking.CentreId && s.Date == booking.Date && s.Half == booking.Half && s.Leader == booking.Leader && s.Booked > 0)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.Booked, c => c.Booked - 1), cancellationToken);

    [LoggerMessage(Level = LogLevel.Information, Message = "Booking {Code} made at {CentreId} for {Date} {Half} (leader slot: {Leader})")]
    private partial void LogBooked(string code, string centreId, DateOnly date, HalfDay half, bool leader);

    [LoggerMessage(Level = LogLevel.Information, Message = "No place left at {CentreId} on {Date} {Half}")]
    private partial void LogFull(string centreId, DateOnly date, HalfDay half);

    [LoggerMessage(Level = LogLevel.Information, Message = "A second open booking of {MatterId} by the same person at the same moment was refused")]
    private partial void LogAlreadyBooked(string matterId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Booking {Code} cancelled")]
    private partial void LogCancelled(string code);

    [LoggerMessage(Level = LogLevel.Information, Message = "Booking {Code} marked {Status} by {HumanAgentId}")]
    private partial void LogMarked(string code, BookingStatus status, string humanAgentId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Booking {Code} not marked {Status}: {Outcome}")]
    private partial void LogMarkRefused(string code, BookingStatus status, MarkOutcome outcome);
}
