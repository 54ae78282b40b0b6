using System.Globalization;
using Microsoft.Extensions.Options;
using Xiaoshen.Bot.Conversations;
using Xiaoshen.Knowledge.Content;
using Xiaoshen.Knowledge.Search;

namespace Xiaoshen.Bot.Handoff;

/// <summary>
/// Routes a matter to its department and says when that department's human agents are online, from its hours in
/// departments.yaml and the holiday calendar of the current index build. Singleton.
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

    /// <summary>The sentence telling when people of the matter's department can help (for the LLM's department_hours function).</summary>
    public string Describe(string? matterId)
    {
        var m = messages.CurrentValue;
        var department = DepartmentFor(matterId);
        var hours = Hours(department, m);
        if (IsOpen(department))
        {
            return ConversationMessages.Fill(m.HumanOpenNow, ("Department", department.Name), ("Hours", hours), ("Phone", department.Phone));
        }

        var next = NextOpening(department) is { } opening ? MomentText(opening) : string.Empty;
        return ConversationMessages.Fill(m.HumanClosed, ("Department", department.Name), ("Hours", hours), ("Next", next), ("Phone", department.Phone));
    }

    /// <summary>True when the content has a matter with this id.</summary>
    public bool IsKnownMatter(string matterId) => search.Knowledge.Matters.ContainsKey(matterId);

    /// <summary>A department by id; null when the content has no such department.</summary>
    public Department? FindDepartment(string departmentId) => search.Knowledge.Departments.Values.FirstOrDefault(d => d.Id == departmentId);

    /// <summary>Every department, for transfers.</summary>
    public IEnumerable<Department> Departments => search.Knowledge.Departments.Values;

    /// <summary>The groups an account may serve: every department's agent group and backup group.</summary>
    public IReadOnlyList<string> KnownGroups => GroupsOf(Departments).ToList();

    public static IEnumerable<string> GroupsOf(IEnumerable<Department> departments) =>
        departments.SelectMany(d => d.BackupGroup is { } backup ? [d.AgentGroup, backup] : new[] { d.AgentGroup }).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);

    /// <summary>The name of the department an agent group serves; null for a group that is only a backup group.</summary>
    public string? GroupName(string agentGroup) => Departments.FirstOrDefault(d => d.AgentGroup == agentGroup)?.Name;

    /// <summary>
    /// The department a human agent serving a conversation routed by <paramref name="routing"/> speaks for: the routed
    /// department when the agent is of its group, else the agent's own (one of a backup group is not the queue
    /// department's staff), else <paramref name="dutyTeam"/>.
    /// </summary>
    public string DepartmentNameOf(HumanAgent? agent, Routing routing, string dutyTeam)
    {
        var groups = agent?.GroupList ?? [];
        return groups.Contains(routing.AgentGroup)
            ? routing.DepartmentName
            : Departments.FirstOrDefault(d => groups.Contains(d.AgentGroup))?.Name ?? dutyTeam;
    }

    /// <summary>Where a handoff about <paramref name="matterId"/> goes.</summary>
    public Routing Route(string? matterId, HandoffReason reason) => Route(DepartmentFor(matterId), matterId, reason);

    public static Routing Route(Department department, string? matterId, HandoffReason reason) =>
        new(department.Id, department.Name, department.AgentGroup, department.BackupGroup, matterId, reason);

    /// <summary>True when the department's agents are online now.</summary>
    public bool IsOpen(Department department) => Calendar.IsOpen(department, time.GetUtcNow());

    /// <summary>True when <paramref name="department"/> had agents online at <paramref name="at"/> (the reports' working-hours switch).</summary>
    public bool WasOpen(Department department, DateTimeOffset at) => Calendar.IsOpen(department, at);

    /// <summary>The next opening (now if open), or null when none is known within the calendar's reach.</summary>
    public DateTimeOffset? NextOpening(Department department) => Calendar.NextOpening(department, time.GetUtcNow());

    /// <summary>When a message left now must have been called back: the end of the department's next working day.</summary>
    public DateTimeOffset? CallbackDue(Department department)
    {
        if (NextOpening(department) is not { } opening)
        {
            return null;
        }

        var day = DateOnly.FromDateTime(opening.ToOffset(WorkingCalendar.Offset).DateTime);
        var last = Calendar.PeriodsOn(department, day).Max(p => p.End);
        return new DateTimeOffset(day.ToDateTime(last), WorkingCalendar.Offset);
    }

    /// <summary>The end of the <paramref name="workingDays"/>-th working day after <paramref name="from"/>, on the current calendar.</summary>
    public DateTimeOffset EndOfWorkingDays(DateTimeOffset from, int workingDays) => Calendar.EndOfWorkingDays(from, workingDays);

    /// <summary>The department's hours in words (工作日 09:00-12:00、13:00-17:00).</summary>
    public string HoursText(Department department) => Hours(department, messages.CurrentValue);

    /// <summary>A moment in words (11月27日（周五）09:00).</summary>
    public string MomentText(DateTimeOffset moment) => Format(moment.ToOffset(WorkingCalendar.Offset), messages.CurrentValue);

    /// <summary>The working calendar (holidays, 调休) of the current content.</summary>
    public WorkingCalendar Calendar => CalendarFor(search.Knowledge.Calendar);

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
