namespace Xiaoshen.Knowledge.Content;

/// <summary>A day the holiday calendar changes: a statutory holiday, or an adjusted working day (调休).</summary>
/// <param name="Date">The day.</param>
/// <param name="IsWorkingDay">True for a 调休 working day (e.g. a working Saturday); false for a holiday.</param>
/// <param name="Name">The holiday's name, e.g. 春节.</param>
public sealed record CalendarDay(DateOnly Date, bool IsWorkingDay, string Name);
