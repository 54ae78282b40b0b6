namespace Xiaoshen.Bot.PreReview.Ocr;

/// <summary>The file is not an image OCR can decode (not an image, truncated, or too large).</summary>
public sealed class UnreadableImageException : Exception
{
    public UnreadableImageException()
    {
    }

    public UnreadableImageException(string message)
        : base(message)
    {
    }

    public UnreadableImageException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
