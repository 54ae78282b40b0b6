namespace Xiaoshen.Bot.Booking;

/// <summary>A person may not book online until <paramref name="Until"/> after <paramref name="NoShows"/> no-shows.</summary>
public sealed record NoShowRestriction(int NoShows, DateOnly Until);
