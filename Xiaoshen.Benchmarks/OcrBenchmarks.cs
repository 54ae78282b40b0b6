using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Options;
using Xiaoshen.Bot.PreReview.Ocr;
using Xiaoshen.Tests.PreReview;

namespace Xiaoshen.Benchmarks;

/// <summary>
/// How long pre-review takes to read one photographed document (issue 16: "answers within seconds"): decode, detect the
/// text lines and recognise them with the PP-OCRv4 models on the CPU, as the service does for each upload. The documents
/// are the ones the OCR accuracy test renders (linked from the test project), clean and as a bad phone photo.
/// </summary>
[MemoryDiagnoser]
public class OcrBenchmarks
{
    private OcrEngine _engine = null!;
    private byte[] _image = [];

    [Params("居民身份证", "营业执照", "房屋租赁合同")]
    public string Document { get; set; } = string.Empty;

    [Params("clean", "bad phone (7°, σ=45, q=12)")]
    public string Photo { get; set; } = string.Empty;

    [GlobalSetup]
    public async Task Setup()
    {
        var document = RenderedDocument.Set.First(d => d.Name == Document);
        _image = document.Render(Distortion.All.First(d => d.Name == Photo));
        _engine = new OcrEngine(Options.Create(new OcrOptions()));
        await _engine.ReadAsync(_image, CancellationToken.None);
    }

    [GlobalCleanup]
    public void Cleanup() => _engine.Dispose();

    [Benchmark]
    public Task<OcrResult> Read() => _engine.ReadAsync(_image, CancellationToken.None);
}
