namespace Xiaoshen.Bot.Hosting;

/// <summary>
/// Real time moved so that it read <paramref name="start"/> (the Testing environment's <c>Testing:ClockStart</c>) at the
/// real moment <paramref name="startedAt"/> (<c>Testing:ClockStartedAt</c>; when not given, now); it then runs normally.
/// Nodes of one deployment given the same two instants read the same time, however far apart they started: a node
/// that started later would otherwise be behind, and an agent it heard would look long gone to the others.
/// </summary>
internal sealed class ShiftedTimeProvider(DateTimeOffset start, DateTimeOffset? startedAt = null) : TimeProvider
{
    private readonly TimeSpan _shift = start - (startedAt ?? System.GetUtcNow());

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + _shift;
}
