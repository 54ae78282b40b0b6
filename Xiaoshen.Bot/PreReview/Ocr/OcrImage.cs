using SkiaSharp;

namespace Xiaoshen.Bot.PreReview.Ocr;

/// <summary>Decoding and drawing for OCR with SkiaSharp: images upright (EXIF orientation), opaque on white, bounded in size.</summary>
internal static class OcrImage
{
    public static readonly SKSamplingOptions Sampling = new(SKFilterMode.Linear, SKMipmapMode.None);

    /// <summary>
    /// Decodes <paramref name="content"/>, turns it upright, flattens transparency onto white, and scales it down so its
    /// longer side is at most <paramref name="maxSide"/>.
    /// </summary>
    /// <exception cref="UnreadableImageException">Not a decodable image, or more pixels than <paramref name="maxPixels"/>.</exception>
    public static SKBitmap Decode(byte[] content, long maxPixels, int maxSide)
    {
        using var data = SKData.CreateCopy(content);
        using var codec = SKCodec.Create(data) ?? throw new UnreadableImageException("The file is not an image that can be decoded (JPEG, PNG, WebP, GIF, BMP).");
        var info = codec.Info;
        if (info.Width <= 0 || info.Height <= 0 || (long)info.Width * info.Height > maxPixels)
        {
            throw new UnreadableImageException($"The image is {info.Width}x{info.Height} pixels; at most {maxPixels} pixels are read.");
        }

        using var decoded = new SKBitmap(new SKImageInfo(info.Width, info.Height, SKColorType.Rgba8888, SKAlphaType.Premul));
        var result = codec.GetPixels(decoded.Info, decoded.GetPixels());
        if (result is not (SKCodecResult.Success or SKCodecResult.IncompleteInput))
        {
            throw new UnreadableImageException($"The image could not be decoded ({result}).");
        }

        var swap = codec.EncodedOrigin is SKEncodedOrigin.LeftTop or SKEncodedOrigin.RightTop or SKEncodedOrigin.RightBottom or SKEncodedOrigin.LeftBottom;
        var (width, height) = swap ? (info.Height, info.Width) : (info.Width, info.Height);
        var scale = Math.Min(1.0, maxSide / (double)Math.Max(width, height));
        var target = new SKBitmap(new SKImageInfo(Math.Max(1, (int)Math.Round(width * scale)), Math.Max(1, (int)Math.Round(height * scale)), SKColorType.Rgba8888, SKAlphaType.Premul));
        using var canvas = new SKCanvas(target);
        canvas.Clear(SKColors.White);
        canvas.Scale((float)scale);
        canvas.Concat(OrientationMatrix(codec.EncodedOrigin, info.Width, info.Height));
        using var image = SKImage.FromBitmap(decoded);
        canvas.DrawImage(image, 0, 0, Sampling);
        return target;
    }

    /// <summary>A copy of <paramref name="source"/> drawn at <paramref name="width"/> x <paramref name="height"/>.</summary>
    public static SKBitmap Resize(SKBitmap source, int width, int height)
    {
        var target = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul));
        using var canvas = new SKCanvas(target);
        canvas.Clear(SKColors.White);
        using var image = SKImage.FromBitmap(source);
        canvas.DrawImage(image, new SKRect(0, 0, width, height), Sampling);
        return target;
    }

    /// <summary>Writes the pixels as a planar BGR tensor, each value <c>(v / 255 - mean[c]) / std[c]</c>, into <paramref name="tensor"/> at <paramref name="offset"/>.</summary>
    /// <param name="planeWidth">The tensor's width (the bitmap may be narrower: the rest stays as it is).</param>
    public static void ToTensor(SKBitmap bitmap, float[] tensor, int offset, int planeWidth, int planeHeight, ReadOnlySpan<float> mean, ReadOnlySpan<float> std)
    {
        var pixels = bitmap.GetPixelSpan();
        var rowBytes = bitmap.RowBytes;
        var plane = planeWidth * planeHeight;
        for (var y = 0; y < bitmap.Height; y++)
        {
            for (var x = 0; x < bitmap.Width; x++)
            {
                var p = (y * rowBytes) + (x * 4);
                var i = offset + (y * planeWidth) + x;

                // PaddleOCR reads images with OpenCV, so its models expect blue, green, red planes.
                tensor[i] = ((pixels[p + 2] / 255f) - mean[0]) / std[0];
                tensor[i + plane] = ((pixels[p + 1] / 255f) - mean[1]) / std[1];
                tensor[i + (2 * plane)] = ((pixels[p] / 255f) - mean[2]) / std[2];
            }
        }
    }

    // Maps the stored pixels to the upright picture (EXIF orientation 1-8).
    private static SKMatrix OrientationMatrix(SKEncodedOrigin origin, int width, int height) => origin switch
    {
        SKEncodedOrigin.TopRight => new SKMatrix(-1, 0, width, 0, 1, 0, 0, 0, 1),
        SKEncodedOrigin.BottomRight => new SKMatrix(-1, 0, width, 0, -1, height, 0, 0, 1),
        SKEncodedOrigin.BottomLeft => new SKMatrix(1, 0, 0, 0, -1, height, 0, 0, 1),
        SKEncodedOrigin.LeftTop => new SKMatrix(0, 1, 0, 1, 0, 0, 0, 0, 1),
        SKEncodedOrigin.RightTop => new SKMatrix(0, -1, height, 1, 0, 0, 0, 0, 1),
        SKEncodedOrigin.RightBottom => new SKMatrix(0, -1, height, -1, 0, width, 0, 0, 1),
        SKEncodedOrigin.LeftBottom => new SKMatrix(0, 1, 0, -1, 0, width, 0, 0, 1),
        _ => SKMatrix.Identity,
    };
}
