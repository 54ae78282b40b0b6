using System.Globalization;
using Xiaoshen.Bot.Handoff;

namespace Xiaoshen.Bot.AgentConsole;

/// <summary>How the console writes times (Beijing time) and waits.</summary>
internal static class ConsoleFormat
{
    /// <summary>A time of day, e.g. 10:00:08.</summary>
    public static string Time(DateTimeOffset at) => at.ToOffset(WorkingCalendar.Offset).ToString("HH:mm:ss", CultureInfo.InvariantCulture);

    /// <summary>A date and time, e.g. 11-27 10:00.</summary>
    public static string DateTime(DateTimeOffset at) => at.ToOffset(WorkingCalendar.Offset).ToString("MM-dd HH:mm", CultureInfo.InvariantCulture);

    /// <summary>A deadline at midnight as the end of the day before, e.g. 11-30 24:00 (not 12-01 00:00).</summary>
    public static string Deadline(DateTimeOffset at)
    {
        var local = at.ToOffset(WorkingCalendar.Offset);
        return local.TimeOfDay == TimeSpan.Zero
            ? local.AddDays(-1).ToString("MM-dd", CultureInfo.InvariantCulture) + " 24:00"
            : DateTime(at);
    }

    /// <summary>A share or a confidence, e.g. 87%.</summary>
    public static string Percent(double value) => string.Create(CultureInfo.InvariantCulture, $"{value * 100:0}%");

    /// <summary>A wait, e.g. 0:45 or 1:02:10.</summary>
    public static string Duration(TimeSpan span) => span.ToString(span.TotalHours >= 1 ? @"h\:mm\:ss" : @"m\:ss", CultureInfo.InvariantCulture);
}
