using System.Text.Json;
using Xiaoshen.Bot.PreReview.Ocr;

namespace Xiaoshen.Bot.PreReview;

/// <summary>One photo of a pre-review: the file kept, the document it was taken for, the text read and the fields found.</summary>
public sealed class PreReviewUpload
{
    private PreReviewUpload()
    {
    }

    public Guid Id { get; private set; }

    public Guid CaseId { get; private set; }

    /// <summary>1-based, in the order the photos came.</summary>
    public int Number { get; private set; }

    /// <summary>The checklist document it was recognised as; null when none.</summary>
    public string? Document { get; private set; }

    /// <summary>The file under the pre-review folder; null once deleted.</summary>
    public string? FileName { get; private set; }

    public string ContentType { get; private set; } = string.Empty;

    /// <summary>The name the person's file had.</summary>
    public string? OriginalName { get; private set; }

    /// <summary>The channel's link to the file as it was sent, so the channel's copy is deleted with this one.</summary>
    public string? SourceUrl { get; private set; }

    public DateTimeOffset UploadedAt { get; private set; }

    /// <summary>The OCR lines (JSON): identity, phone and card numbers are masked when stored; people's names once checked.</summary>
    public string LinesJson { get; private set; } = "[]";

    /// <summary>The fields read (JSON): as read while the person is still sending photos (the checks compare them), masked once checked.</summary>
    public string ReadingJson { get; private set; } = "{}";

    public IReadOnlyList<OcrLine> Lines => JsonSerializer.Deserialize<List<OcrLine>>(LinesJson) ?? [];

    public DocumentReading Reading => JsonSerializer.Deserialize<DocumentReading>(ReadingJson) ?? new DocumentReading([], null, false);

    public static PreReviewUpload Create(Guid caseId, int number, string? document, string fileName, string contentType, string? originalName, string? sourceUrl, DateTimeOffset now, OcrResult ocr, DocumentReading reading) => new()
    {
        Id = Guid.NewGuid(),
        CaseId = caseId,
        Number = number,
        Document = document,
        FileName = fileName,
        ContentType = contentType,
        OriginalName = originalName,
        SourceUrl = sourceUrl,
        UploadedAt = now,
        LinesJson = JsonSerializer.Serialize(ocr.Lines),
        ReadingJson = JsonSerializer.Serialize(reading),
    };

    /// <summary>True once <see cref="MaskPersonal"/> ran.</summary>
    public bool IsMasked { get; private set; }

    /// <summary>
    /// After the checks: the text and the fields keep no personal numbers or people's names (staff see those on the photo
    /// while it is kept).
    /// </summary>
    public void MaskPersonal()
    {
        var reading = Reading;
        var names = reading.Fields
            .Where(f => f.Value is not null && f.Line is not null && f.Field is Knowledge.Content.PreReviewField.PersonName or Knowledge.Content.PreReviewField.LegalRepresentative)
            .ToList();
        var lines = Lines.Select((l, i) => l with
        {
            Text = Conversations.PersonalData.Mask(names.Where(n => n.Line == i).Aggregate(l.Text, (text, n) => text.Replace(n.Value!, Conversations.PersonalData.MaskName(n.Value!), StringComparison.Ordinal))),
        }).ToList();
        LinesJson = JsonSerializer.Serialize(lines);
        ReadingJson = JsonSerializer.Serialize(reading with { Fields = reading.Fields.Select(f => f with { Value = f.Value is null ? null : PreReviewRules.Shown(f.Field, f.Value) }).ToList() });
        IsMasked = true;
    }

    /// <summary>Retention: the photo is deleted.</summary>
    public void PhotoDeleted() => FileName = null;
}
