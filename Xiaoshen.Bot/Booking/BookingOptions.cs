using System.ComponentModel.DataAnnotations;

namespace Xiaoshen.Bot.Booking;

/// <summary>The rules of booking in-person help (线下帮办) and how it is asked for. Bound from <c>Booking</c>.</summary>
public sealed class BookingOptions
{
    public const string SectionName = "Booking";

    /// <summary>Phrases (contained in a message) by which a person asks for in-person help.</summary>
    [MinLength(1)] public string[] StartPhrases { get; set; } = [];

    /// <summary>Phrases that ask for a leader-accompanied slot (领导干部帮办); they also start a booking.</summary>
    [MinLength(1)] public string[] LeaderPhrases { get; set; } = [];

    /// <summary>Phrases that cancel a booking.</summary>
    [MinLength(1)] public string[] CancelPhrases { get; set; } = [];

    /// <summary>Phrases that move a booking to another time.</summary>
    [MinLength(1)] public string[] ChangePhrases { get; set; } = [];

    /// <summary>A booking is for a working day at least this many working days after today.</summary>
    [Range(0, 30)] public int MinWorkingDaysAhead { get; set; } = 1;

    /// <summary>…and at most this many.</summary>
    [Range(1, 60)] public int MaxWorkingDaysAhead { get; set; } = 5;

    /// <summary>Open bookings one person may hold for one matter.</summary>
    [Range(1, 10)] public int MaxOpenPerPersonAndMatter { get; set; } = 1;

    /// <summary>No-shows within <see cref="NoShowWindowDays"/> after which a person cannot book online for <see cref="NoShowRestrictionDays"/>.</summary>
    [Range(1, 20)] public int NoShowLimit { get; set; } = 2;

    [Range(1, 3650)] public int NoShowWindowDays { get; set; } = 90;

    [Range(1, 3650)] public int NoShowRestrictionDays { get; set; } = 30;

    /// <summary>Characters of a place name the person said that are repeated back when no centre has that name.</summary>
    [Range(4, 100)] public int EchoedPlaceLength { get; set; } = 12;

    /// <summary>Free half days offered when the one asked for is not possible.</summary>
    [Range(1, 10)] public int AlternativesOffered { get; set; } = 3;

    /// <summary>Matters offered as buttons when the person is asked which matter (and has not named one a centre books).</summary>
    [Range(1, 20)] public int MattersOffered { get; set; } = 6;

    /// <summary>Channels on which a reminder is sent the day before (those whose adapter can write first, within their reply window).</summary>
    public string[] ReminderChannels { get; set; } = ["wechat", "wecom"];

    /// <summary>Hour (Beijing time) from which the day-before reminders go out.</summary>
    [Range(0, 23)] public int ReminderHour { get; set; } = 10;

    /// <summary>How often reminders are looked for.</summary>
    [Range(1, 1440)] public int ReminderSweepMinutes { get; set; } = 10;
}
