using Microsoft.ML.OnnxRuntime;
using SkiaSharp;

namespace Xiaoshen.Bot.PreReview.Ocr;

/// <summary>
/// PP-OCRv4 text recognition (an SVTR network with CTC): a line image 48 pixels high in, the most likely characters out,
/// blanks and repeats removed. Lines are read in batches of similar width. Thread-safe.
/// </summary>
internal sealed class TextRecognizer(InferenceSession session, IReadOnlyList<string> characters)
{
    private const int LineHeight = 48;
    private const int MinWidth = 320;
    private const int MaxWidth = 3200;
    private const int BatchSize = 6;

    private static readonly float[] Half = [0.5f, 0.5f, 0.5f];

    private readonly string _input = session.InputNames[0];
    private readonly string[] _outputs = [session.OutputNames[0]];

    /// <summary>The text and mean character confidence of each line image, in the order given.</summary>
    public (string Text, double Confidence)[] Read(IReadOnlyList<SKBitmap> lines, CancellationToken cancellationToken)
    {
        var results = new (string, double)[lines.Count];
        var order = Enumerable.Range(0, lines.Count).OrderBy(i => lines[i].Width / (double)lines[i].Height).ToList();
        for (var first = 0; first < order.Count; first += BatchSize)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var batch = order.Skip(first).Take(BatchSize).ToList();
            var widths = batch.Select(i => Math.Min(MaxWidth, Math.Max(1, (int)Math.Ceiling(LineHeight * lines[i].Width / (double)lines[i].Height)))).ToList();
            var width = Math.Max(MinWidth, widths.Max());
            var plane = LineHeight * width;
            var input = new float[batch.Count * 3 * plane];
            for (var b = 0; b < batch.Count; b++)
            {
                using var resized = OcrImage.Resize(lines[batch[b]], widths[b], LineHeight);
                OcrImage.ToTensor(resized, input, b * 3 * plane, width, LineHeight, Half, Half);
            }

            using var tensor = OrtValue.CreateTensorValueFromMemory(input, [batch.Count, 3, LineHeight, width]);
            using var run = new RunOptions();
            using var outputs = session.Run(run, [_input], [tensor], _outputs);
            var shape = outputs[0].GetTensorTypeAndShape().Shape;
            var (steps, classes) = ((int)shape[1], (int)shape[2]);
            var probabilities = outputs[0].GetTensorDataAsSpan<float>();
            for (var b = 0; b < batch.Count; b++)
            {
                results[batch[b]] = Decode(probabilities.Slice(b * steps * classes, steps * classes), steps, classes);
            }
        }

        return results;
    }

    // Greedy CTC: the best class per step; class 0 is the blank, repeats without a blank between them are one character.
    private (string Text, double Confidence) Decode(ReadOnlySpan<float> probabilities, int steps, int classes)
    {
        var text = new System.Text.StringBuilder();
        var sum = 0.0;
        var count = 0;
        var previous = 0;
        for (var t = 0; t < steps; t++)
        {
            var row = probabilities.Slice(t * classes, classes);
            var best = 0;
            for (var c = 1; c < classes; c++)
            {
                if (row[c] > row[best])
                {
                    best = c;
                }
            }

            if (best != 0 && best != previous && best <= characters.Count)
            {
                text.Append(characters[best - 1]);
                sum += row[best];
                count++;
            }

            previous = best;
        }

        return (text.ToString().Trim(), count == 0 ? 0 : sum / count);
    }
}
