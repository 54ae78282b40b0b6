namespace Xiaoshen.Bot.Booking;

/// <summary>A leader's accompanied help this year, for the supervisor: half days scheduled, people helped, done or not.</summary>
public sealed record LeaderRecord(string Centre, string Leader, string Title, int SessionsThisYear, int Helped, DateOnly? Next)
{
    /// <summary>True once the leader has accompanied at least one person this year (a leader booking marked done).</summary>
    public bool HasDoneTheirs => Helped > 0;
}
