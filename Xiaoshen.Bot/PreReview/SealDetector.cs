using Xiaoshen.Bot.PreReview.Ocr;

namespace Xiaoshen.Bot.PreReview;

/// <summary>
/// Whether a photo shows a red seal (公章): official seals are printed or stamped in red, which nothing else on a licence
/// or an ID card is, so the share of clearly red pixels tells. Pure; thread-safe.
/// </summary>
internal static class SealDetector
{
    private const int Side = 600;

    /// <summary>The share (0 to 1) of clearly red pixels in the image.</summary>
    /// <exception cref="UnreadableImageException">Not a decodable image.</exception>
    public static double RedShare(byte[] content, long maxPixels)
    {
        using var image = OcrImage.Decode(content, maxPixels, Side);
        var pixels = image.GetPixelSpan();
        var red = 0;
        for (var y = 0; y < image.Height; y++)
        {
            for (var x = 0; x < image.Width; x++)
            {
                var p = (y * image.RowBytes) + (x * 4);
                int r = pixels[p], g = pixels[p + 1], b = pixels[p + 2];
                if (r >= 140 && r >= g * 1.7 && r >= b * 1.7)
                {
                    red++;
                }
            }
        }

        return red / (double)(image.Width * image.Height);
    }
}
