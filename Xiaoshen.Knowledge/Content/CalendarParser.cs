using YamlDotNet.RepresentationModel;

namespace Xiaoshen.Knowledge.Content;

/// <summary>Parses <c>calendar/&lt;year&gt;.yaml</c>: statutory holidays (ranges) and adjusted working days (调休).</summary>
internal static class CalendarParser
{
    public static List<CalendarDay> Parse(string text, ProblemList problems)
    {
        var days = new List<CalendarDay>();
        var root = YamlReader.ParseMapping(text, problems);
        if (root is null)
        {
            return days;
        }

        YamlReader.WarnUnknownKeys(root, ["year", "source", "holidays", "workdays"], problems);
        if (!int.TryParse(YamlReader.Scalar(root, "year", problems), out var year))
        {
            problems.Error(1, "缺少 year（年份，例如 year: 2026）");
            return days;
        }

        if (YamlReader.Scalar(root, "source", problems) is null)
        {
            problems.Warning(1, "缺少 source：请写明节假日安排的出处（国务院办公厅通知）");
        }

        foreach (var item in YamlReader.Mappings(root, "holidays", "name、from、to", problems))
        {
            var name = YamlReader.Scalar(item, "name", problems) ?? "节假日";
            var from = YamlReader.Date(item, "from", problems);
            var to = YamlReader.Date(item, "to", problems) ?? from;
            if (from is null && YamlReader.Child(item, "from") is not null)
            {
                continue;
            }

            if (from is null || to is null)
            {
                problems.Error(YamlReader.LineOf(item), $"假期“{name}”缺少 from（开始日期）");
                continue;
            }

            if (to < from || to.Value.DayNumber - from.Value.DayNumber > 30)
            {
                problems.Error(YamlReader.LineOf(item), $"假期“{name}”的日期范围 {from:yyyy-MM-dd} 至 {to:yyyy-MM-dd} 不合理");
                continue;
            }

            for (var d = from.Value; d <= to.Value; d = d.AddDays(1))
            {
                Add(days, new CalendarDay(d, false, name), year, YamlReader.LineOf(item), problems);
            }
        }

        foreach (var item in YamlReader.Mappings(root, "workdays", "name、date", problems))
        {
            var name = YamlReader.Scalar(item, "name", problems) ?? "调休上班";
            var date = YamlReader.Date(item, "date", problems);
            if (date is null && YamlReader.Child(item, "date") is null)
            {
                problems.Error(YamlReader.LineOf(item), $"调休上班日“{name}”缺少 date");
                continue;
            }

            if (date is not null)
            {
                Add(days, new CalendarDay(date.Value, true, name), year, YamlReader.LineOf(item), problems);
            }
        }

        return days;
    }

    private static void Add(List<CalendarDay> days, CalendarDay day, int year, int line, ProblemList problems)
    {
        if (day.Date.Year != year)
        {
            problems.Error(line, $"日期 {day.Date:yyyy-MM-dd} 不在 {year} 年");
        }
        else if (days.Exists(d => d.Date == day.Date))
        {
            problems.Error(line, $"日期 {day.Date:yyyy-MM-dd} 重复出现（同一天不能既放假又上班）");
        }
        else
        {
            days.Add(day);
        }
    }
}
