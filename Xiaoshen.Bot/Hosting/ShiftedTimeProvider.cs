namespace Xiaoshen.Bot.Hosting;

/// <summary>Real time moved to start at a given instant (the Testing environment's <c>Testing:ClockStart</c>); it then runs normally.</summary>
internal sealed class ShiftedTimeProvider(DateTimeOffset start) : TimeProvider
{
    private readonly TimeSpan _shift = start - System.GetUtcNow();

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + _shift;
}
