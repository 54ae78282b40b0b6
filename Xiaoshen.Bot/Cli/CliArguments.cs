namespace Xiaoshen.Bot.Cli;

/// <summary>Parsed command line of a CLI verb: positional words and <c>--name value</c> / <c>--flag</c> options.</summary>
internal sealed class CliArguments
{
    private static readonly HashSet<string> Flags = ["--json", "--help", "-h", "--verbose"];

    private readonly Dictionary<string, string> _options = new(StringComparer.Ordinal);
    private readonly HashSet<string> _flags = new(StringComparer.Ordinal);

    private CliArguments(List<string> positional) => Positional = positional;

    public IReadOnlyList<string> Positional { get; }

    public static CliArguments Parse(IReadOnlyList<string> args)
    {
        var positional = new List<string>();
        var parsed = new CliArguments(positional);
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (Flags.Contains(arg))
            {
                parsed._flags.Add(arg);
            }
            else if (arg.StartsWith("--", StringComparison.Ordinal))
            {
                if (i + 1 >= args.Count)
                {
                    throw new CliUsageException($"{arg} needs a value");
                }

                parsed._options[arg] = args[++i];
            }
            else
            {
                positional.Add(arg);
            }
        }

        return parsed;
    }

    public string? Option(string name) => _options.GetValueOrDefault(name);

    public bool Has(string flag) => _flags.Contains(flag);

    public void AllowOnly(params string[] names)
    {
        var unknown = _options.Keys.Concat(_flags).Where(k => !names.Contains(k) && k is not "--help" and not "-h" and not "--verbose").ToList();
        if (unknown.Count > 0)
        {
            throw new CliUsageException($"unknown option {string.Join(", ", unknown)}");
        }
    }
}
