using Microsoft.Extensions.Options;
using Microsoft.ML.OnnxRuntime;
using SkiaSharp;

namespace Xiaoshen.Bot.PreReview.Ocr;

/// <summary>
/// Reads Chinese text from photos offline: PP-OCRv4 detection finds the lines, recognition reads each. The models are
/// loaded on first use (15 MB). One image at a time per engine, since a read uses the cores it is given; callers queue.
/// Singleton; thread-safe; disposes the ONNX sessions.
/// </summary>
public sealed class OcrEngine(IOptions<OcrOptions> options) : IDisposable
{
    // Lines are read from the photo at up to this size; more pixels do not make 5 mm characters clearer.
    private const int MaxWorkingSide = 2560;

    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Lazy<Models> _models = new(() => Models.Load(options.Value), LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The folder the models are read from.</summary>
    public string ModelFolder => Models.Folder(options.Value);

    /// <summary>What is missing for OCR to run (a model file), or null when everything is there.</summary>
    public string? MissingModel() => MissingModel(options.Value);

    /// <summary>The first model file of <paramref name="o"/> that does not exist, or null.</summary>
    public static string? MissingModel(OcrOptions o) =>
        new[] { o.DetectionModel, o.RecognitionModel, o.CharacterList }
            .Select(f => Path.Combine(Models.Folder(o), f))
            .FirstOrDefault(f => !File.Exists(f));

    /// <summary>Reads the image in <paramref name="content"/>.</summary>
    /// <exception cref="UnreadableImageException">Not an image that can be decoded, or too large.</exception>
    public async Task<OcrResult> ReadAsync(byte[] content, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            // The networks are CPU-bound for a second or two: off the request's thread.
            return await Task.Run(() => Read(content, cancellationToken), cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose()
    {
        if (_models.IsValueCreated)
        {
            _models.Value.Dispose();
        }

        _gate.Dispose();
    }

    private OcrResult Read(byte[] content, CancellationToken cancellationToken)
    {
        var o = options.Value;
        using var image = OcrImage.Decode(content, o.MaxImagePixels, MaxWorkingSide);
        var models = _models.Value;
        var boxes = models.Detector.Detect(image, cancellationToken);
        var crops = boxes.Select(b => Crop(image, b)).ToList();
        try
        {
            var read = models.Recognizer.Read(crops, cancellationToken);
            var lines = new List<OcrLine>();
            for (var i = 0; i < boxes.Count; i++)
            {
                if (read[i].Text.Length > 0 && read[i].Confidence >= o.MinLineConfidence)
                {
                    lines.Add(new OcrLine(read[i].Text, Math.Round(read[i].Confidence, 4), boxes[i].Bounds(image.Width, image.Height)));
                }
            }

            return new OcrResult(image.Width, image.Height, lines);
        }
        finally
        {
            crops.ForEach(c => c.Dispose());
        }
    }

    // The region cut out upright; a region much taller than wide is a vertical line, turned to read left to right.
    private static SKBitmap Crop(SKBitmap image, RotatedBox box)
    {
        var width = Math.Max(1, (int)Math.Round(box.Width));
        var height = Math.Max(1, (int)Math.Round(box.Height));
        var vertical = height >= width * 3 / 2;
        var crop = new SKBitmap(new SKImageInfo(vertical ? height : width, vertical ? width : height, SKColorType.Rgba8888, SKAlphaType.Premul));
        using var canvas = new SKCanvas(crop);
        canvas.Clear(SKColors.White);
        if (vertical)
        {
            canvas.Translate(0, width);
            canvas.RotateDegrees(-90);
        }

        canvas.Translate(width / 2f, height / 2f);
        canvas.RotateRadians((float)-box.Angle);
        canvas.Translate((float)-box.CenterX, (float)-box.CenterY);
        using var source = SKImage.FromBitmap(image);
        canvas.DrawImage(source, 0, 0, OcrImage.Sampling);
        return crop;
    }

    private sealed class Models(InferenceSession detection, InferenceSession recognition, TextDetector detector, TextRecognizer recognizer) : IDisposable
    {
        public TextDetector Detector { get; } = detector;

        public TextRecognizer Recognizer { get; } = recognizer;

        public static string Folder(OcrOptions o) => Path.IsPathRooted(o.ModelPath) ? o.ModelPath : Path.Combine(AppContext.BaseDirectory, o.ModelPath);

        public static Models Load(OcrOptions o)
        {
            var folder = Folder(o);
            using var session = new Microsoft.ML.OnnxRuntime.SessionOptions { IntraOpNumThreads = o.Threads, InterOpNumThreads = 1, GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL };
            var detection = new InferenceSession(Path.Combine(folder, o.DetectionModel), session);
            var recognition = new InferenceSession(Path.Combine(folder, o.RecognitionModel), session);

            // The network's classes: 0 is the CTC blank, then the character list, then a space.
            var characters = File.ReadAllLines(Path.Combine(folder, o.CharacterList)).Append(" ").ToList();
            return new Models(detection, recognition, new TextDetector(detection, o), new TextRecognizer(recognition, characters));
        }

        public void Dispose()
        {
            detection.Dispose();
            recognition.Dispose();
        }
    }
}
