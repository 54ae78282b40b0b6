using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace Xiaoshen.Knowledge.Content;

/// <summary>Parses <c>service-centres.yaml</c> (see <see cref="ServiceCentre"/>); every problem with its line.</summary>
internal static class ServiceCentresParser
{
    private static readonly string[] RootKeys = ["source", "note", "district_matters", "centres"];

    private static readonly string[] CentreKeys = ["id", "name", "district", "aliases", "address", "phone", "hours", "capacity", "matters", "leaders"];

    private static readonly string[] LeaderKeys = ["name", "title", "sessions"];

    // The days of the week from Sunday, as DayOfWeek numbers them.
    private const string WeekdayCharacters = "日一二三四五六";

    public static List<ServiceCentre> Parse(string text, ProblemList problems)
    {
        var centres = new List<ServiceCentre>();
        var root = YamlReader.ParseMapping(text, problems);
        if (root is null)
        {
            return centres;
        }

        YamlReader.WarnUnknownKeys(root, RootKeys, problems);
        if (YamlReader.Child(root, "centres") is not YamlSequenceNode)
        {
            problems.Error(1, "应有一个“centres:”列表");
            return centres;
        }

        foreach (var map in YamlReader.Mappings(root, "centres", "id、name、district、address、hours、capacity、matters", problems))
        {
            YamlReader.WarnUnknownKeys(map, CentreKeys, problems);
            var line = YamlReader.LineOf(map);
            var id = YamlReader.Scalar(map, "id", problems);
            var name = YamlReader.Scalar(map, "name", problems);
            var district = YamlReader.Scalar(map, "district", problems);
            var address = YamlReader.Scalar(map, "address", problems);
            if (id is null || name is null || district is null || address is null)
            {
                problems.Error(line, "中心缺少 id、name、district 或 address");
                continue;
            }

            if (centres.Exists(c => c.Id == id))
            {
                problems.Error(line, $"中心 id“{id}”重复");
                continue;
            }

            var hours = YamlReader.Child(map, "hours") as YamlMappingNode;
            var capacity = YamlReader.Child(map, "capacity") as YamlMappingNode;
            var morning = Period(hours, "morning", line, problems);
            var afternoon = Period(hours, "afternoon", line, problems);
            var morningCapacity = Count(capacity, "morning", line, problems);
            var afternoonCapacity = Count(capacity, "afternoon", line, problems);
            var matters = YamlReader.ScalarList(map, "matters", problems);
            if (matters.Count == 0)
            {
                problems.Error(line, $"中心“{name}”没有 matters（可预约线下帮办的事项 id）");
            }

            var leaders = Leaders(map, name, problems);
            if (morning is null || afternoon is null || morningCapacity is null || afternoonCapacity is null)
            {
                continue;
            }

            if (morning.End > afternoon.Start)
            {
                problems.Error(YamlReader.LineOf(hours!), $"中心“{name}”的上午时段应在下午时段之前");
            }

            centres.Add(new ServiceCentre
            {
                Id = id,
                Name = name,
                District = district,
                Aliases = YamlReader.ScalarList(map, "aliases", problems),
                Address = address,
                Phone = YamlReader.Scalar(map, "phone", problems),
                Morning = morning,
                Afternoon = afternoon,
                MorningCapacity = morningCapacity.Value,
                AfternoonCapacity = afternoonCapacity.Value,
                Matters = matters,
                Leaders = leaders,
                Line = YamlReader.LineOf(YamlReader.Child(map, "matters") ?? map),
            });
        }

        return centres;
    }

    /// <summary>上午 or 下午, as editors write the half day.</summary>
    private static HalfDay? HalfOf(string? text) => text switch
    {
        "上午" or "morning" => HalfDay.Morning,
        "下午" or "afternoon" => HalfDay.Afternoon,
        _ => null,
    };

    /// <summary>周四 for Thursday, as the editors' warnings name a day of the week.</summary>
    public static string WeekdayName(DayOfWeek day) => "周" + WeekdayCharacters[(int)day];

    /// <summary>周四, 星期四 or 每周四 (周日 also 周天, 星期天), as editors write a day of the week.</summary>
    private static DayOfWeek? WeekdayOf(string? text)
    {
        var day = text?.TrimStart('每') switch
        {
            ['周', var c] => c,
            ['星', '期', var c] => c,
            _ => '?',
        };
        var index = WeekdayCharacters.IndexOf(day == '天' ? '日' : day, StringComparison.Ordinal);
        return index < 0 ? null : (DayOfWeek)index;
    }

    private static List<CentreLeader> Leaders(YamlMappingNode map, string centre, ProblemList problems)
    {
        var leaders = new List<CentreLeader>();
        foreach (var leader in YamlReader.Mappings(map, "leaders", "name、title、sessions", problems))
        {
            YamlReader.WarnUnknownKeys(leader, LeaderKeys, problems);
            var name = YamlReader.Scalar(leader, "name", problems);
            if (name is null)
            {
                problems.Error(YamlReader.LineOf(leader), $"中心“{centre}”的领导干部帮办缺少 name");
                continue;
            }

            var sessions = new List<LeaderSession>();
            var weekly = new List<WeeklyLeaderSession>();
            foreach (var session in YamlReader.Mappings(leader, "sessions", "date 或 weekly、half、capacity", problems))
            {
                var line = YamlReader.LineOf(session);
                var half = HalfOf(YamlReader.Scalar(session, "half", problems));
                var capacity = Count(session, "capacity", line, problems);
                if (YamlReader.Child(session, "weekly") is not null)
                {
                    var day = WeekdayOf(YamlReader.Scalar(session, "weekly", problems));
                    var from = YamlReader.Child(session, "from") is null ? null : YamlReader.Date(session, "from", problems);
                    var until = YamlReader.Child(session, "until") is null ? null : YamlReader.Date(session, "until", problems);
                    if (day is null || half is null || capacity is null)
                    {
                        problems.Error(line, $"{name}的每周帮办安排要写 weekly（周一到周日，如 周四）、half（上午或下午）和 capacity（名额），可加 from、until（起止日期）");
                    }
                    else if (from > until)
                    {
                        problems.Error(line, $"{name}的每周帮办安排 from {from:yyyy-MM-dd} 晚于 until {until:yyyy-MM-dd}");
                    }
                    else
                    {
                        weekly.Add(new WeeklyLeaderSession(day.Value, half.Value, capacity.Value, from, until) { Line = line });
                    }

                    continue;
                }

                var date = YamlReader.Date(session, "date", problems);
                if (date is null || half is null || capacity is null)
                {
                    problems.Error(line, $"{name}的帮办安排要写 date（如 2026-12-03）或 weekly（每周，如 周四），以及 half（上午或下午）和 capacity（名额）");
                    continue;
                }

                sessions.Add(new LeaderSession(date.Value, half.Value, capacity.Value) { Line = line });
            }

            leaders.Add(new CentreLeader(name, YamlReader.Scalar(leader, "title", problems) ?? string.Empty, sessions.OrderBy(s => s.Date).ThenBy(s => s.Half).ToList()) { Weekly = weekly });
        }

        return leaders;
    }

    private static WorkingPeriod? Period(YamlMappingNode? hours, string key, int line, ProblemList problems)
    {
        var text = hours is null ? null : YamlReader.Scalar(hours, key, problems);
        var parts = text?.Split('-', StringSplitOptions.TrimEntries);
        if (parts is [var start, var end]
            && TimeOnly.TryParseExact(start, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var s)
            && TimeOnly.TryParseExact(end, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var e)
            && s < e)
        {
            return new WorkingPeriod(s, e);
        }

        problems.Error(hours is null ? line : YamlReader.LineOf(hours), $"hours.{key} 应写成 \"09:00-12:00\"");
        return null;
    }

    private static int? Count(YamlMappingNode? map, string key, int line, ProblemList problems)
    {
        var text = map is null ? null : YamlReader.Scalar(map, key, problems);
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n is >= 0 and <= 1000)
        {
            return n;
        }

        problems.Error(map is null ? line : YamlReader.LineOf(YamlReader.Child(map, key) ?? map), $"{key} 的名额应是 0 到 1000 的整数");
        return null;
    }
}
