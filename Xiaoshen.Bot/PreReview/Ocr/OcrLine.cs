namespace Xiaoshen.Bot.PreReview.Ocr;

/// <summary>One line of text read from an image.</summary>
/// <param name="Text">What was read.</param>
/// <param name="Confidence">The mean probability of its characters, 0 to 1.</param>
/// <param name="Box">Where it is.</param>
public sealed record OcrLine(string Text, double Confidence, OcrBox Box);
