using System.ComponentModel.DataAnnotations;
using Xiaoshen.Knowledge.Content;

namespace Xiaoshen.Bot.Booking;

/// <summary>Every sentence of booking in-person help (Chinese, from <c>BookingMessages</c>); placeholders in braces.</summary>
public sealed class BookingMessages
{
    public const string SectionName = "BookingMessages";

    /// <summary>The button under answers of matters that can be booked, and the words it sends.</summary>
    [Required] public string StartButton { get; set; } = string.Empty;

    [Required] public string CancelButton { get; set; } = string.Empty;

    [Required] public string ChangeButton { get; set; } = string.Empty;

    [Required] public string AskMatter { get; set; } = string.Empty;

    /// <summary>The matters named cannot be booked (no centre books help for them): {Matters}, each written with <see cref="MatterInList"/>.</summary>
    [Required] public string NotBookable { get; set; } = string.Empty;

    /// <summary>A matter's name in a list: {Matter}.</summary>
    [Required] public string MatterInList { get; set; } = string.Empty;

    /// <summary>Where the first matter that cannot be booked is applied for online: {Matter}, {Entry}.</summary>
    [Required] public string NotBookableEntry { get; set; } = string.Empty;

    /// <summary>What the person can do instead: ask about it after stopping, or book another matter.</summary>
    [Required] public string NotBookableInstead { get; set; } = string.Empty;

    /// <summary>Several matters fit and a centre books help for them: choose one.</summary>
    [Required] public string ChooseMatter { get; set; } = string.Empty;

    /// <summary>No matter recognised in the answer: {Example} (the first matter button).</summary>
    [Required] public string MatterNotUnderstood { get; set; } = string.Empty;

    /// <summary>Which centre: {Matter}.</summary>
    [Required] public string AskCentre { get; set; } = string.Empty;

    /// <summary>No centre has the name the person said: {Words}.</summary>
    [Required] public string UnknownCentre { get; set; } = string.Empty;

    /// <summary>The centre named does not book help for the matter: {Centre}, {Matter}.</summary>
    [Required] public string CentreNotForMatter { get; set; } = string.Empty;

    /// <summary>The districts whose centre books help for the matter: {Matter}, {Districts}.</summary>
    [Required] public string ChooseDistrict { get; set; } = string.Empty;

    /// <summary>When: {Centre}, {Hours}.</summary>
    [Required] public string AskTime { get; set; } = string.Empty;

    [Required] public string TimeNotUnderstood { get; set; } = string.Empty;

    /// <summary>The time understood: {Words}, {Date}.</summary>
    [Required] public string TimeUnderstood { get; set; } = string.Empty;

    /// <summary>A day that is not a working day: {Date}, {Reason}.</summary>
    [Required] public string NotWorkingDay { get; set; } = string.Empty;

    [Required] public string WeekendReason { get; set; } = string.Empty;

    /// <summary>{Holiday}.</summary>
    [Required] public string HolidayReason { get; set; } = string.Empty;

    /// <summary>Too soon: {Date}, {Min}, {First}.</summary>
    [Required] public string TooSoon { get; set; } = string.Empty;

    /// <summary>Too far: {Date}, {Max}, {Last}.</summary>
    [Required] public string TooLate { get; set; } = string.Empty;

    /// <summary>A month and day that do not exist: {Words}, {Year}, {Month}, {Day}.</summary>
    [Required] public string ImpossibleDate { get; set; } = string.Empty;

    /// <summary>A day already past: {Date}.</summary>
    [Required] public string PastDate { get; set; } = string.Empty;

    /// <summary>The days that can be booked, after a date that cannot: {First}, {Last}.</summary>
    [Required] public string AskAgainWindow { get; set; } = string.Empty;

    /// <summary>The half day is full: {Date}.</summary>
    [Required] public string Full { get; set; } = string.Empty;

    /// <summary>Slots to choose from: {Centre}.</summary>
    [Required] public string ChooseSlot { get; set; } = string.Empty;

    [Required] public string NoSlots { get; set; } = string.Empty;

    /// <summary>A slot button: {Date}, {Free}.</summary>
    [Required] public string SlotButton { get; set; } = string.Empty;

    /// <summary>A leader slot button: {Date}, {Leader}, {Title}, {Free}.</summary>
    [Required] public string LeaderSlotButton { get; set; } = string.Empty;

    [Required] public string NoLeaderSlots { get; set; } = string.Empty;

    /// <summary>Booked: {Centre}, {Date} (with weekday and half day), {Hours}, {Code}, {Address}, {Leader}.</summary>
    [Required] public string Booked { get; set; } = string.Empty;

    /// <summary>Who accompanies, in the confirmation: {Leader}, {Title}.</summary>
    [Required] public string LeaderLine { get; set; } = string.Empty;

    /// <summary>A pre-review of the same matter exists: {Number}.</summary>
    [Required] public string PreReviewLine { get; set; } = string.Empty;

    /// <summary>Someone else took the last slot a moment ago.</summary>
    [Required] public string SlotTaken { get; set; } = string.Empty;

    /// <summary>The person already has an open booking for the matter: {Booking}.</summary>
    [Required] public string AlreadyBooked { get; set; } = string.Empty;

    /// <summary>Too many no-shows: {Count}, {Days}, {Until}.</summary>
    [Required] public string Restricted { get; set; } = string.Empty;

    [Required] public string NothingToCancel { get; set; } = string.Empty;

    /// <summary>Which booking: several are open.</summary>
    [Required] public string ChooseBooking { get; set; } = string.Empty;

    /// <summary>Which booking to change: several are open.</summary>
    [Required] public string ChooseBookingToChange { get; set; } = string.Empty;

    /// <summary>A booking as a button to choose: {Matter}, {Centre}, {Date}, {Code}.</summary>
    [Required] public string ChoiceButton { get; set; } = string.Empty;

    /// <summary>Cancelled: {Booking}.</summary>
    [Required] public string Cancelled { get; set; } = string.Empty;

    /// <summary>Moving a booking: {Booking}.</summary>
    [Required] public string Changing { get; set; } = string.Empty;

    /// <summary>A booking in words: {Code}, {Centre}, {Date}.</summary>
    [Required] public string BookingLine { get; set; } = string.Empty;

    /// <summary>The reminder the day before: {Centre}, {Date}, {Hours}, {Code}, {Address}.</summary>
    [Required] public string Reminder { get; set; } = string.Empty;

    /// <summary>A date: {Month}, {Day}, {Weekday}, {Half}.</summary>
    [Required] public string DateFormat { get; set; } = string.Empty;

    /// <summary>上午, 下午.</summary>
    [Required] public string Morning { get; set; } = string.Empty;

    [Required] public string Afternoon { get; set; } = string.Empty;

    [Required] public string StopWord { get; set; } = string.Empty;

    /// <summary>A day in words, with its weekday and half day (12月1日（周二）上午); <paramref name="weekdays"/> from Sunday.</summary>
    public string Day(DateOnly date, HalfDay? half, IReadOnlyList<string> weekdays) => Conversations.ConversationMessages.Fill(
        DateFormat,
        ("Month", date.Month.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        ("Day", date.Day.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        ("Weekday", weekdays[(int)date.DayOfWeek]),
        ("Half", half switch { HalfDay.Morning => Morning, HalfDay.Afternoon => Afternoon, _ => string.Empty }));

    /// <summary>A half day's hours (09:00-12:00).</summary>
    public static string Period(WorkingPeriod period) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{period.Start:HH\\:mm}-{period.End:HH\\:mm}");

    [Required] public string Stopped { get; set; } = string.Empty;
}
