using Microsoft.ML.OnnxRuntime;
using SkiaSharp;

namespace Xiaoshen.Bot.PreReview.Ocr;

/// <summary>
/// PP-OCRv4 text detection (a DB network): a text-probability map over the image, cut into regions, each region's
/// smallest rotated rectangle grown back to the whole line (PaddleOCR's DBPostProcess). Thread-safe.
/// </summary>
internal sealed class TextDetector(InferenceSession session, OcrOptions options)
{
    private const int Stride = 32;
    private const double MinCoreSide = 3;
    private const double MinLineSide = 5;

    private static readonly float[] Mean = [0.485f, 0.456f, 0.406f];
    private static readonly float[] Std = [0.229f, 0.224f, 0.225f];

    private readonly string _input = session.InputNames[0];
    private readonly string[] _outputs = [session.OutputNames[0]];

    /// <summary>The text regions of <paramref name="image"/>, in its pixels, top to bottom and left to right within a line.</summary>
    public List<RotatedBox> Detect(SKBitmap image, CancellationToken cancellationToken)
    {
        var scale = Math.Min(1.0, options.DetectionMaxSide / (double)Math.Max(image.Width, image.Height));
        var width = Math.Max(Stride, (int)Math.Round(image.Width * scale / Stride) * Stride);
        var height = Math.Max(Stride, (int)Math.Round(image.Height * scale / Stride) * Stride);
        var input = new float[3 * width * height];
        using (var resized = OcrImage.Resize(image, width, height))
        {
            OcrImage.ToTensor(resized, input, 0, width, height, Mean, Std);
        }

        cancellationToken.ThrowIfCancellationRequested();
        using var tensor = OrtValue.CreateTensorValueFromMemory(input, [1, 3, height, width]);
        using var run = new RunOptions();
        using var outputs = session.Run(run, [_input], [tensor], _outputs);
        var probability = outputs[0].GetTensorDataAsSpan<float>();
        var regions = Regions(probability, width, height);

        var (sx, sy) = (image.Width / (double)width, image.Height / (double)height);
        var boxes = new List<RotatedBox>();
        foreach (var region in regions)
        {
            if (region.Score < options.BoxThreshold || RotatedBox.Around(region.Points) is not { } core)
            {
                continue;
            }

            core = core.AsCells();
            if (Math.Min(core.Width, core.Height) < MinCoreSide)
            {
                continue;
            }

            // Unclip: grow by area * ratio / perimeter, as the network was trained on shrunk regions.
            var line = core.Grown(core.Width * core.Height * options.UnclipRatio / (2 * (core.Width + core.Height)));
            if (Math.Min(line.Width, line.Height) < MinLineSide)
            {
                continue;
            }

            // Back to the image's pixels (the detector saw it stretched to multiples of 32 on each axis).
            var (cos, sin) = (Math.Cos(line.Angle), Math.Sin(line.Angle));
            boxes.Add(new RotatedBox(
                line.CenterX * sx,
                line.CenterY * sy,
                line.Width * Math.Sqrt((cos * sx * cos * sx) + (sin * sy * sin * sy)),
                line.Height * Math.Sqrt((sin * sx * sin * sx) + (cos * sy * cos * sy)),
                Math.Atan2(sin * sy, cos * sx)));
        }

        return ReadingOrder(boxes);
    }

    // Lines whose middles are within half a line of each other read left to right; otherwise top to bottom.
    private static List<RotatedBox> ReadingOrder(List<RotatedBox> boxes)
    {
        var sorted = boxes.OrderBy(b => b.CenterY).ToList();
        var ordered = new List<RotatedBox>(sorted.Count);
        var row = new List<RotatedBox>();
        foreach (var box in sorted)
        {
            if (row.Count > 0 && box.CenterY - row[0].CenterY > Math.Min(row[0].Height, box.Height) / 2)
            {
                ordered.AddRange(row.OrderBy(b => b.CenterX));
                row.Clear();
            }

            row.Add(box);
        }

        ordered.AddRange(row.OrderBy(b => b.CenterX));
        return ordered;
    }

    // Connected regions (4-neighbours) of pixels above the threshold, with their mean probability.
    private List<Region> Regions(ReadOnlySpan<float> probability, int width, int height)
    {
        var threshold = (float)options.PixelThreshold;
        var seen = new bool[width * height];
        var regions = new List<Region>();
        var stack = new Stack<int>();
        for (var start = 0; start < seen.Length; start++)
        {
            if (seen[start] || probability[start] <= threshold)
            {
                continue;
            }

            var points = new List<(int X, int Y)>();
            var sum = 0.0;
            seen[start] = true;
            stack.Push(start);
            while (stack.Count > 0)
            {
                var i = stack.Pop();
                var (x, y) = (i % width, i / width);
                points.Add((x, y));
                sum += probability[i];
                foreach (var n in (ReadOnlySpan<int>)[x > 0 ? i - 1 : -1, x < width - 1 ? i + 1 : -1, y > 0 ? i - width : -1, y < height - 1 ? i + width : -1])
                {
                    if (n >= 0 && !seen[n] && probability[n] > threshold)
                    {
                        seen[n] = true;
                        stack.Push(n);
                    }
                }
            }

            regions.Add(new Region(points, sum / points.Count));
        }

        return regions;
    }

    private sealed record Region(List<(int X, int Y)> Points, double Score);
}
