using System.Globalization;
using Microsoft.Extensions.Options;
using Xiaoshen.Bot.Conversations;
using Xiaoshen.Knowledge.Content;
using Xiaoshen.Knowledge.Search;

namespace Xiaoshen.Bot.Handoff;

/// <summary>
/// Says when a department's human agents are available, from its hours in departments.yaml and the holiday calendar.
/// Until the handoff queue exists this is what the bot offers instead of a transfer; it never pretends to transfer.
/// </summary>
public sealed class HandoffAvailability(KnowledgeSearch search, IOptionsMonitor<ConversationMessages> messages, TimeProvider time)
{
    /// <summary>The id of the department that takes conversations without a known matter.</summary>
    public const string GeneralDepartmentId = "general";

    /// <summary>The department responsible for <paramref name="matterId"/>, or the general one.</summary>
    public Department DepartmentFor(string? matterId)
    {
        var knowledge = search.Knowledge;
        if (matterId is not null && knowledge.Matters.TryGetValue(matterId, out var matter)
            && knowledge.Departments.TryGetValue(matter.Department, out var department))
        {
            return department;
        }

        return knowledge.Departments.Values.FirstOrDefault(d => d.Id == GeneralDepartmentId) ?? knowledge.Departments.Values.First();
    }

    /// <summary>The sentence telling when people of the matter's department can help.</summary>
    public string Describe(string? matterId)
    {
        var m = messages.CurrentValue;
        var department = DepartmentFor(matterId);
        var calendar = CalendarFor(search.Knowledge.Calendar);
        var now = time.GetUtcNow();
        var hours = Hours(department, m);
        if (calendar.IsOpen(department, now))
        {
            return ConversationMessages.Fill(m.HumanOpenNow, ("Department", department.Name), ("Hours", hours), ("Phone", department.Phone));
        }

        var next = calendar.NextOpening(department, now) is { } opening ? Format(opening, m) : string.Empty;
        return ConversationMessages.Fill(m.HumanClosed, ("Department", department.Name), ("Hours", hours), ("Next", next), ("Phone", department.Phone));
    }

    // The calendar changes only with a new index build; rebuild the lookup then, not on every question.
    private WorkingCalendar CalendarFor(IReadOnlyList<CalendarDay> days)
    {
        var cached = _calendar;
        if (cached is null || !ReferenceEquals(cached.Days, days))
        {
            cached = new CachedCalendar(days, new WorkingCalendar(days));
            _calendar = cached;
        }

        return cached.Calendar;
    }

    private CachedCalendar? _calendar;

    private sealed record CachedCalendar(IReadOnlyList<CalendarDay> Days, WorkingCalendar Calendar);

    private static string Hours(Department department, ConversationMessages m)
    {
        var text = ConversationMessages.Fill(m.HoursWorkdays, ("Periods", Periods(department.Hours.Periods, m)));
        return department.Hours.Weekend.Count == 0
            ? text
            : text + m.ListSeparator + ConversationMessages.Fill(m.HoursWeekend, ("Periods", Periods(department.Hours.Weekend, m)));
    }

    private static string Periods(IEnumerable<WorkingPeriod> periods, ConversationMessages m) =>
        string.Join(m.ListSeparator, periods.Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Start:HH\\:mm}-{p.End:HH\\:mm}")));

    private static string Format(DateTimeOffset opening, ConversationMessages m) =>
        ConversationMessages.Fill(
            m.NextOpening,
            ("Month", opening.Month.ToString(CultureInfo.InvariantCulture)),
            ("Day", opening.Day.ToString(CultureInfo.InvariantCulture)),
            ("Weekday", m.Weekdays[(int)opening.DayOfWeek]),
            ("Time", opening.ToString("HH:mm", CultureInfo.InvariantCulture)));
}
