namespace Xiaoshen.Bot.PreReview;

/// <summary>A photo as the rules see it: its number, the document it was taken for (null when not recognised), what was read.</summary>
public sealed record ReadUpload(int Number, string? Document, DocumentReading Reading);
