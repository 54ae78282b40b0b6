using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace Xiaoshen.Knowledge.Content;

/// <summary>Parses <c>departments.yaml</c>.</summary>
internal static class DepartmentsParser
{
    private static readonly string[] KnownKeys = ["id", "name", "agent_group", "backup_group", "hours", "phone", "address"];

    public static List<Department> Parse(string text, ProblemList problems)
    {
        var result = new List<Department>();
        var root = YamlReader.ParseMapping(text, problems);
        if (root is null)
        {
            return result;
        }

        if (YamlReader.Child(root, "departments") is not YamlSequenceNode)
        {
            problems.Error(1, "应有一个“departments:”列表");
            return result;
        }

        foreach (var map in YamlReader.Mappings(root, "departments", "id、name、agent_group、hours", problems))
        {
            YamlReader.WarnUnknownKeys(map, KnownKeys, problems);
            var line = YamlReader.LineOf(map);
            var id = YamlReader.Scalar(map, "id", problems);
            var name = YamlReader.Scalar(map, "name", problems);
            var group = YamlReader.Scalar(map, "agent_group", problems);
            var hours = ParseHours(YamlReader.Child(map, "hours"), line, problems);
            if (id is null || name is null || group is null)
            {
                problems.Error(line, "部门缺少 id、name 或 agent_group");
                continue;
            }

            if (result.Exists(d => d.Id == id || d.Name == name))
            {
                problems.Error(line, $"部门“{name}”（{id}）重复");
                continue;
            }

            if (hours is not null)
            {
                result.Add(new Department
                {
                    Id = id,
                    Name = name,
                    AgentGroup = group,
                    BackupGroup = YamlReader.Scalar(map, "backup_group", problems),
                    Hours = hours,
                    Phone = YamlReader.Scalar(map, "phone", problems),
                    Address = YamlReader.Scalar(map, "address", problems),
                });
            }
        }

        return result;
    }

    private static WorkingHours? ParseHours(YamlNode? node, int line, ProblemList problems)
    {
        if (node is not YamlMappingNode map)
        {
            problems.Error(line, "部门缺少 hours（例如 workdays: [\"09:00-12:00\", \"13:30-17:00\"]）");
            return null;
        }

        var workdays = Periods(map, "workdays", problems);
        var weekend = Periods(map, "weekend", problems);
        if (workdays is null || weekend is null)
        {
            return null;
        }

        if (workdays.Count == 0)
        {
            problems.Error(YamlReader.LineOf(map), "hours.workdays 至少要有一个时段");
            return null;
        }

        return new WorkingHours(workdays, weekend);
    }

    private static List<WorkingPeriod>? Periods(YamlMappingNode map, string key, ProblemList problems)
    {
        var periods = new List<WorkingPeriod>();
        var ok = true;
        var line = YamlReader.Child(map, key) is { } node ? YamlReader.LineOf(node) : YamlReader.LineOf(map);
        foreach (var text in YamlReader.ScalarList(map, key, problems))
        {
            var parts = text.Split('-', StringSplitOptions.TrimEntries);
            if (parts.Length == 2
                && TimeOnly.TryParseExact(parts[0], "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var start)
                && TimeOnly.TryParseExact(parts[1], "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var end)
                && start < end)
            {
                if (periods.Count > 0 && periods[^1].End > start)
                {
                    problems.Error(line, $"hours.{key} 的时段“{text}”与前一个时段重叠或顺序颠倒");
                    ok = false;
                }

                periods.Add(new WorkingPeriod(start, end));
            }
            else
            {
                problems.Error(line, $"hours.{key} 的时段“{text}”格式不对，应写成 \"09:00-12:00\"");
                ok = false;
            }
        }

        return ok ? periods : null;
    }
}
