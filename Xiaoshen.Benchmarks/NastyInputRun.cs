using System.Globalization;
using System.Text;

namespace Xiaoshen.Benchmarks;

/// <summary>
/// Messages built to make analysis expensive (long runs of digits, Chinese numerals, dates, punctuation), sent one at a
/// time through Direct Line to the real service on loopback. Each is timed from the POST until Xiaoshen's reply is on the
/// sender's stream, and the service's CPU time per message is read from the process (issue 11, item 4).
/// </summary>
internal static class NastyInputRun
{
    private const string Secret = "nasty-run-secret";

    /// <summary>The inputs: name and text, each exactly <paramref name="length"/> characters.</summary>
    public static IReadOnlyList<(string Name, string Text)> Inputs(int length) =>
    [
        ("digits", Repeat("1234567890", length)),
        ("digits and Chinese numerals", Repeat("12三4五六7八九0十百千万", length)),
        ("dates", Repeat("2026年11月27日下午3点", length)),
        ("repeated punctuation", Repeat("。，！？", length)),
        ("一亿 repeated", Repeat("一亿", length)),
        ("full-width digits", Repeat("１２３４５６７８９０", length)),
        ("digits with spaces", Repeat("1 ", length)),
        ("phone and ID numbers", Repeat("13812345678 310101199001011234 ", length)),
    ];

    public static async Task RunAsync(TextWriter output, int repetitions, int length, bool beyondCap)
    {
        using var service = await ServiceHost.StartAsync(("DirectLine:Secret", Secret), ("DirectLine:PostsPerMinute", "10000"));
        using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(10) };
        var inputs = Inputs(length).ToList();
        if (beyondCap)
        {
            inputs.Add(("30,000 digits (the issue's message)", Repeat("1234567890", 30_000)));
        }

        // Warm up the whole turn (JIT, first index search, first recognition) on ordinary questions.
        var warm = await DirectLineLoadClient.OpenAsync(http, service.BaseUrl, Secret, CancellationToken.None);
        foreach (var question in BenchmarkKnowledge.Questions)
        {
            await warm.AskAsync(http, question);
        }

        output.WriteLine("| input | characters | messages | answered | p50 ms | max ms | service CPU s per message | reply begins |");
        output.WriteLine("|---|---|---|---|---|---|---|---|");
        foreach (var (name, text) in inputs)
        {
            // A fresh conversation per input, so one input's state (a pending question) does not shape the next.
            using var client = await DirectLineLoadClient.OpenAsync(http, service.BaseUrl, Secret, CancellationToken.None);
            var times = new List<double>();
            var statuses = new List<int>();
            string? reply = null;
            var cpu = service.CpuSeconds();
            for (var i = 0; i < repetitions; i++)
            {
                var (ms, said, status) = await client.AskAsync(http, text, TimeSpan.FromMinutes(5));
                statuses.Add(status);
                if (ms is { } answered)
                {
                    times.Add(answered);
                    reply ??= said;
                }
            }

            var cpuPerMessage = (service.CpuSeconds() - cpu) / repetitions;
            times.Sort();
            var begins = reply is null
                ? "HTTP " + string.Join("/", statuses.Distinct())
                : reply.Length > 24 ? reply[..24] + "…" : reply;
            output.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"| {name} | {text.Length} | {repetitions} | {times.Count} | {(times.Count > 0 ? times[times.Count / 2].ToString("0", CultureInfo.InvariantCulture) : "-")} | {(times.Count > 0 ? times[^1].ToString("0", CultureInfo.InvariantCulture) : "-")} | {cpuPerMessage:0.000} | {begins.ReplaceLineEndings(" ")} |"));
        }

        output.WriteLine();
        var healthy = await service.IsHealthyAsync();
        output.WriteLine($"service healthy after the run: {healthy}");
    }

    private static string Repeat(string unit, int length)
    {
        var text = new StringBuilder(length + unit.Length);
        while (text.Length < length)
        {
            text.Append(unit);
        }

        return text.ToString(0, length);
    }
}
