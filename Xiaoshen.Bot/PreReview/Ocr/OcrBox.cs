namespace Xiaoshen.Bot.PreReview.Ocr;

/// <summary>Where a line of text is in the image, in pixels of the image as decoded (after its EXIF orientation).</summary>
public sealed record OcrBox(int X, int Y, int Width, int Height)
{
    /// <summary>[x, y, w, h], the shape the <c>ocr</c> verb prints.</summary>
    public int[] ToArray() => [X, Y, Width, Height];

    /// <summary>The vertical middle.</summary>
    public double CenterY => Y + (Height / 2.0);
}
