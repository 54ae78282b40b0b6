namespace Xiaoshen.Knowledge.Content;

/// <summary>A period of a working day, e.g. 09:00–12:00.</summary>
/// <param name="Start">Inclusive start.</param>
/// <param name="End">Exclusive end.</param>
public sealed record WorkingPeriod(TimeOnly Start, TimeOnly End);

/// <summary>Split-shift working hours for ordinary working days (Monday–Friday and 调休 working days).</summary>
/// <param name="Periods">The periods of a working day, in order (e.g. a morning and an afternoon shift).</param>
/// <param name="Weekend">Periods on ordinary Saturdays and Sundays; empty when the department does not work weekends.</param>
public sealed record WorkingHours(IReadOnlyList<WorkingPeriod> Periods, IReadOnlyList<WorkingPeriod> Weekend);
