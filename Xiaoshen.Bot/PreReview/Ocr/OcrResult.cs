namespace Xiaoshen.Bot.PreReview.Ocr;

/// <summary>Everything read from one image: its size (after orientation) and its lines, top to bottom, left to right.</summary>
public sealed record OcrResult(int Width, int Height, IReadOnlyList<OcrLine> Lines)
{
    /// <summary>The lines joined by newlines.</summary>
    public string Text => string.Join('\n', Lines.Select(l => l.Text));
}
