namespace Xiaoshen.Bot.Conversations;

/// <summary>A number, date/time or phone number found in a message.</summary>
/// <param name="Kind">number, datetime or phonenumber.</param>
/// <param name="Text">The words as written (masked for phone numbers).</param>
/// <param name="Value">The resolved value: a number, a TIMEX/date, or the phone number masked (the call-back number is asked for and kept apart).</param>
public sealed record RecognizedEntity(string Kind, string Text, string Value);
