using Xiaoshen.Bot.Conversations;
using Xiaoshen.Knowledge.Content;

namespace Xiaoshen.Bot.PreReview;

/// <summary>
/// The automatic checks of a checklist over the photos read: documents present, fields visible, not expired, names
/// consistent, identity-number checksum, number formats. Pure; thread-safe.
/// </summary>
internal static class PreReviewRules
{
    /// <summary>The findings, in the checklist's order; a single <see cref="FindingKind.Complete"/> when nothing is wrong.</summary>
    public static List<PreReviewFinding> Evaluate(PreReviewChecklist checklist, IReadOnlyList<ReadUpload> uploads, DateOnly today)
    {
        var findings = new List<PreReviewFinding>();
        var latest = checklist.Documents
            .Select(d => (Document: d, Upload: uploads.LastOrDefault(u => u.Document == d.Name)))
            .ToList();
        foreach (var (document, upload) in latest)
        {
            if (upload is null)
            {
                if (!document.Optional)
                {
                    findings.Add(new PreReviewFinding(FindingKind.Missing) { Document = document.Name });
                }

                continue;
            }

            foreach (var field in upload.Reading.Fields.Where(f => !f.IsVisible || f.Field == PreReviewField.Signature))
            {
                findings.Add(new PreReviewFinding(field.Field == PreReviewField.Signature ? FindingKind.StaffCheck : FindingKind.NotVisible)
                {
                    Document = document.Name,
                    Upload = upload.Number,
                    Field = PreReviewChecklist.FieldTitles[field.Field],
                });
            }
        }

        findings.AddRange(uploads.Where(u => u.Document is null).Select(u => new PreReviewFinding(FindingKind.Unrecognised) { Upload = u.Number }));
        var byName = latest.Where(l => l.Upload is not null).ToDictionary(l => l.Document.Name, l => l.Upload!);
        foreach (var rule in checklist.Rules)
        {
            findings.AddRange(rule.Kind switch
            {
                PreReviewRuleKind.NotExpired => NotExpired(rule, byName, today),
                PreReviewRuleKind.NamesMatch => NamesMatch(rule, byName),
                PreReviewRuleKind.IdChecksum => IdChecksum(rule, byName),
                _ => NumberFormat(rule, byName),
            });
        }

        return findings.Any(f => f.IsProblem) ? findings : [new PreReviewFinding(FindingKind.Complete), .. findings];
    }

    /// <summary>A value as it may be shown in findings and transcripts: numbers and people's names masked.</summary>
    public static string Shown(PreReviewField field, string value) => field switch
    {
        PreReviewField.PersonName or PreReviewField.LegalRepresentative => PersonalData.MaskName(value),
        _ => PersonalData.Mask(value),
    };

    private static IEnumerable<PreReviewFinding> NotExpired(PreReviewRule rule, Dictionary<string, ReadUpload> uploads, DateOnly today) =>
        Targets(rule, uploads)
            .Where(t => t.Upload.Reading.ValidUntil is { } until && until < today)
            .Select(t => new PreReviewFinding(FindingKind.Expired)
            {
                Document = t.Target.Document,
                Upload = t.Upload.Number,
                Field = PreReviewChecklist.FieldTitles[PreReviewField.ValidUntil],
                Value = t.Upload.Reading.ValidUntil!.Value.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            });

    // Every value read is compared with the first; OCR reads full-width and half-width brackets alike as the same name.
    private static IEnumerable<PreReviewFinding> NamesMatch(PreReviewRule rule, Dictionary<string, ReadUpload> uploads)
    {
        var read = Targets(rule, uploads)
            .Select(t => (t.Target, t.Upload, Value: t.Upload.Reading.Find(t.Target.Field!.Value)?.Value))
            .Where(t => t.Value is not null)
            .ToList();
        return read.Skip(1)
            .Where(r => Comparable(r.Value!) != Comparable(read[0].Value!))
            .Select(r => new PreReviewFinding(FindingKind.NamesDiffer)
            {
                Document = read[0].Target.Document,
                Upload = read[0].Upload.Number,
                Field = PreReviewChecklist.FieldTitles[read[0].Target.Field!.Value],
                Value = Shown(read[0].Target.Field!.Value, read[0].Value!),
                OtherDocument = r.Target.Document,
                OtherField = PreReviewChecklist.FieldTitles[r.Target.Field!.Value],
                OtherValue = Shown(r.Target.Field!.Value, r.Value!),
            });
    }

    private static IEnumerable<PreReviewFinding> IdChecksum(PreReviewRule rule, Dictionary<string, ReadUpload> uploads) =>
        Targets(rule, uploads)
            .Select(t => (t.Target, t.Upload, Value: t.Upload.Reading.Find(PreReviewField.IdNumber)?.Value))
            .Where(t => t.Value is not null && !IdentityNumbers.IsValidIdNumber(t.Value))
            .Select(t => new PreReviewFinding(FindingKind.IdChecksum)
            {
                Document = t.Target.Document,
                Upload = t.Upload.Number,
                Field = PreReviewChecklist.FieldTitles[PreReviewField.IdNumber],
                Value = PersonalData.Mask(t.Value),
            });

    private static IEnumerable<PreReviewFinding> NumberFormat(PreReviewRule rule, Dictionary<string, ReadUpload> uploads)
    {
        foreach (var (target, upload) in Targets(rule, uploads))
        {
            foreach (var (field, valid) in new (PreReviewField, Func<string, bool>)[]
            {
                (PreReviewField.CreditCode, IdentityNumbers.IsValidCreditCode),
                (PreReviewField.LicenceNumber, IdentityNumbers.IsValidLicenceNumber),
            })
            {
                if (upload.Reading.Find(field)?.Value is { } value && !valid(value))
                {
                    yield return new PreReviewFinding(FindingKind.NumberFormat)
                    {
                        Document = target.Document,
                        Upload = upload.Number,
                        Field = PreReviewChecklist.FieldTitles[field],
                        Value = value,
                    };
                }
            }
        }
    }

    private static IEnumerable<(PreReviewTarget Target, ReadUpload Upload)> Targets(PreReviewRule rule, Dictionary<string, ReadUpload> uploads) =>
        rule.Targets.Where(t => uploads.ContainsKey(t.Document)).Select(t => (t, uploads[t.Document]));

    private static string Comparable(string name) => new(name
        .Replace('（', '(').Replace('）', ')')
        .Where(c => !char.IsWhiteSpace(c) && c is not ('·' or '•'))
        .ToArray());
}
