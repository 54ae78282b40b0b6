namespace Xiaoshen.Knowledge.Content;

/// <summary>In-person help (线下帮办) is booked by half day.</summary>
public enum HalfDay
{
    /// <summary>上午.</summary>
    Morning,

    /// <summary>下午.</summary>
    Afternoon,
}

/// <summary>A half day on which a named leader accompanies people through their matters (领导干部帮办).</summary>
/// <param name="Date">The day.</param>
/// <param name="Half">Morning or afternoon.</param>
/// <param name="Capacity">People the leader accompanies that half day.</param>
public sealed record LeaderSession(DateOnly Date, HalfDay Half, int Capacity)
{
    /// <summary>The session's line in <c>service-centres.yaml</c>, for the editor's warnings.</summary>
    public int Line { get; init; }
}

/// <summary>
/// A leader's half day every week (每周四上午), between optional first and last dates. Days the centre is closed are never
/// offered, so a holiday skips that week's session.
/// </summary>
/// <param name="Day">The day of the week.</param>
/// <param name="Half">Morning or afternoon.</param>
/// <param name="Capacity">People the leader accompanies each time.</param>
/// <param name="From">The first day it applies (none: already).</param>
/// <param name="Until">The last day it applies (none: until the editors change it).</param>
public sealed record WeeklyLeaderSession(DayOfWeek Day, HalfDay Half, int Capacity, DateOnly? From, DateOnly? Until)
{
    /// <summary>The session's line in <c>service-centres.yaml</c>, for the editor's warnings.</summary>
    public int Line { get; init; }

    /// <summary>True when <paramref name="date"/> is one of its days.</summary>
    public bool Covers(DateOnly date) => date.DayOfWeek == Day && (From is null || date >= From) && (Until is null || date <= Until);
}

/// <summary>A department leader who accompanies people at a centre, with the half days scheduled.</summary>
/// <param name="Name">The leader's name, shown to the person who books.</param>
/// <param name="Title">Their post (区市场监督管理局副局长).</param>
/// <param name="Sessions">The half days scheduled by date, in date order (none yet is allowed).</param>
public sealed record CentreLeader(string Name, string Title, IReadOnlyList<LeaderSession> Sessions)
{
    /// <summary>The half days scheduled every week.</summary>
    public IReadOnlyList<WeeklyLeaderSession> Weekly { get; init; } = [];

    /// <summary>
    /// The half days from <paramref name="first"/> to <paramref name="last"/>: those scheduled by date, and the weekly ones on
    /// the days <paramref name="open"/> accepts. A dated session replaces the weekly one of its half day (capacity 0 cancels it).
    /// </summary>
    public IEnumerable<LeaderSession> SessionsBetween(DateOnly first, DateOnly last, Func<DateOnly, bool> open)
    {
        var dated = Sessions.Where(s => s.Date >= first && s.Date <= last).ToList();
        var weekly = Weekly.Count == 0 ? [] : Enumerable.Range(0, last.DayNumber - first.DayNumber + 1)
            .Select(first.AddDays)
            .Where(open)
            .SelectMany(day => Weekly.Where(w => w.Covers(day)).Select(w => new LeaderSession(day, w.Half, w.Capacity) { Line = w.Line }))
            .Where(w => !dated.Exists(d => d.Date == w.Date && d.Half == w.Half));
        return dated.Concat(weekly).OrderBy(s => s.Date).ThenBy(s => s.Half);
    }

    /// <summary>The leader's half day <paramref name="half"/> of <paramref name="date"/>, if one is scheduled.</summary>
    public LeaderSession? SessionOn(DateOnly date, HalfDay half) => SessionsBetween(date, date, _ => true).FirstOrDefault(s => s.Half == half);
}

/// <summary>
/// A 政务服务中心 from <c>service-centres.yaml</c>: where in-person help is given, its hours on working days (the
/// holiday calendar applies), the matters it books help for, and the places per half day.
/// </summary>
public sealed record ServiceCentre
{
    /// <summary>Short ASCII id; bookings refer to it.</summary>
    public required string Id { get; init; }

    /// <summary>The centre's name, told to the person who books.</summary>
    public required string Name { get; init; }

    /// <summary>The district (松江区), or 市级 for the municipal centre.</summary>
    public required string District { get; init; }

    /// <summary>What people call it (松江, 浦东): a message naming one chooses the centre.</summary>
    public IReadOnlyList<string> Aliases { get; init; } = [];

    /// <summary>The street address, told with the booking.</summary>
    public required string Address { get; init; }

    /// <summary>The enquiry phone, if given.</summary>
    public string? Phone { get; init; }

    /// <summary>Opening hours of the morning and of the afternoon on working days.</summary>
    public required WorkingPeriod Morning { get; init; }

    /// <summary>The afternoon's opening hours.</summary>
    public required WorkingPeriod Afternoon { get; init; }

    /// <summary>Regular help places per half day (without a leader).</summary>
    public required int MorningCapacity { get; init; }

    /// <summary>Regular help places in the afternoon.</summary>
    public required int AfternoonCapacity { get; init; }

    /// <summary>The matters it books in-person help for.</summary>
    public IReadOnlyList<string> Matters { get; init; } = [];

    /// <summary>Leaders who accompany people here (领导干部帮办).</summary>
    public IReadOnlyList<CentreLeader> Leaders { get; init; } = [];

    /// <summary>The 1-based line of the centre in the file, for problems found after parsing.</summary>
    public int Line { get; init; }

    /// <summary>The opening hours of <paramref name="half"/>.</summary>
    public WorkingPeriod Hours(HalfDay half) => half == HalfDay.Morning ? Morning : Afternoon;

    /// <summary>Regular help places in <paramref name="half"/>.</summary>
    public int Capacity(HalfDay half) => half == HalfDay.Morning ? MorningCapacity : AfternoonCapacity;

    /// <summary>The longest of its name, district and aliases that <paramref name="text"/> mentions (0 when none).</summary>
    public int MentionLength(string text) =>
        Aliases.Append(District).Append(Name).Where(a => text.Contains(a, StringComparison.Ordinal)).Select(a => a.Length).DefaultIfEmpty(0).Max();
}
