using Xiaoshen.Knowledge.Content;

namespace Xiaoshen.Bot.Booking;

/// <summary>A half day at a centre with its free places; a leader slot names the leader.</summary>
public sealed record SlotOffer(DateOnly Date, HalfDay Half, string Leader, string LeaderTitle, int Free)
{
    public bool IsLeader => Leader.Length > 0;
}
