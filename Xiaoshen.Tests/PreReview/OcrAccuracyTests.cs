using Microsoft.Extensions.Options;
using Xiaoshen.Bot.PreReview.Ocr;
using Xunit.Abstractions;

namespace Xiaoshen.Tests.PreReview;

/// <summary>
/// Character accuracy of the offline OCR on rendered documents with known text, clean and spoiled like phone photos.
/// The figures are printed (docs/quality.md (offline OCR) quotes them); the floors catch a broken pipeline or model, not noise.
/// </summary>
public sealed class OcrAccuracyTests(ITestOutputHelper output) : IDisposable
{
    private readonly OcrEngine _engine = new(Options.Create(new OcrOptions()));

    public void Dispose() => _engine.Dispose();

    [CjkFontFact]
    public async Task ReadsRenderedDocumentsAccurately()
    {
        var accuracy = new Dictionary<string, double>();
        foreach (var distortion in Distortion.All)
        {
            long characters = 0, errors = 0;
            foreach (var document in RenderedDocument.Set)
            {
                var read = await _engine.ReadAsync(document.Render(distortion), CancellationToken.None);
                var text = string.Concat(read.Lines.Select(l => l.Text)).Replace(" ", string.Empty, StringComparison.Ordinal);
                var distance = EditDistance(document.Expected, text);
                characters += document.Expected.Length;
                errors += distance;
                output.WriteLine($"{distortion.Name}\t{document.Name}\t{distance} errors / {document.Expected.Length}\t{text}");
            }

            accuracy[distortion.Name] = 1.0 - ((double)errors / characters);
            output.WriteLine($"{distortion.Name}: character accuracy {accuracy[distortion.Name]:P2} ({errors} errors in {characters} characters)");
        }

        Assert.InRange(accuracy[Distortion.Clean.Name], 0.98, 1.0);
        Assert.All(accuracy.Values, a => Assert.InRange(a, 0.90, 1.0));
    }

    [Fact]
    public async Task AFileThatIsNotAnImageIsRefusedAsUnreadable()
    {
        await Assert.ThrowsAsync<UnreadableImageException>(() => _engine.ReadAsync("%PDF-1.7 not a photo"u8.ToArray(), CancellationToken.None));
    }

    /// <summary>Levenshtein distance: insertions, deletions and substitutions of characters (UTF-16 units; all BMP here).</summary>
    private static int EditDistance(string a, string b)
    {
        var previous = Enumerable.Range(0, b.Length + 1).ToArray();
        var current = new int[b.Length + 1];
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}
