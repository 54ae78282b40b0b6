using System.Globalization;
using System.Text.RegularExpressions;
using Xiaoshen.Bot.PreReview.Ocr;
using Xiaoshen.Knowledge.Content;

namespace Xiaoshen.Bot.PreReview;

/// <summary>
/// Finds a document's fields in the lines OCR read: a printed label (名称, 公民身份号码, 有效期至…) followed by its value
/// on the same line or just right of it, and numbers by their form anywhere. Pure; thread-safe.
/// </summary>
internal static partial class FieldReader
{
    // Longest first, so 经营者名称 is not taken for 经营者 and 统一社会信用代码 not for 社会信用代码.
    private static readonly (string Label, PreReviewField Field)[] Labels = new (string, PreReviewField)[]
    {
        ("统一社会信用代码", PreReviewField.CreditCode), ("社会信用代码", PreReviewField.CreditCode),
        ("公民身份号码", PreReviewField.IdNumber), ("身份证号码", PreReviewField.IdNumber), ("身份证号", PreReviewField.IdNumber),
        ("法定代表人（负责人）", PreReviewField.LegalRepresentative), ("法定代表人(负责人)", PreReviewField.LegalRepresentative),
        ("法定代表人", PreReviewField.LegalRepresentative), ("负责人", PreReviewField.LegalRepresentative), ("经营者", PreReviewField.LegalRepresentative),
        ("经营者名称", PreReviewField.Name), ("企业名称", PreReviewField.Name), ("单位名称", PreReviewField.Name), ("名称", PreReviewField.Name),
        ("姓名", PreReviewField.PersonName),
        ("许可证编号", PreReviewField.LicenceNumber), ("注册证编号", PreReviewField.LicenceNumber), ("证书编号", PreReviewField.LicenceNumber), ("编号", PreReviewField.LicenceNumber),
        ("有效期至", PreReviewField.ValidUntil), ("有效期限", PreReviewField.ValidUntil), ("有效期", PreReviewField.ValidUntil), ("营业期限", PreReviewField.ValidUntil), ("经营期限", PreReviewField.ValidUntil),
        ("经营场所", PreReviewField.Address), ("住所", PreReviewField.Address), ("住址", PreReviewField.Address), ("地址", PreReviewField.Address),
    }.OrderByDescending(l => l.Item1.Length).ToArray();

    private static readonly string[] SignatureLabels = ["签字", "签名", "签章"];
    private const string LongTermWord = "长期";
    private const string RangeWord = "至";

    /// <summary>Reads <paramref name="wanted"/> from <paramref name="ocr"/>; <paramref name="hasSeal"/> says whether a red seal was seen.</summary>
    public static DocumentReading Read(OcrResult ocr, IReadOnlyList<PreReviewField> wanted, bool hasSeal)
    {
        var lines = ocr.Lines.Select(l => Normalise(l.Text)).ToList();
        var labelled = new Dictionary<PreReviewField, (string Value, int Line)>();
        for (var i = 0; i < lines.Count; i++)
        {
            if (Labels.FirstOrDefault(l => lines[i].StartsWith(l.Label, StringComparison.Ordinal)) is not { Label: not null } label || labelled.ContainsKey(label.Field))
            {
                continue;
            }

            var value = lines[i][label.Label.Length..].TrimStart(':', '：', '.', ' ');
            var line = i;

            // A value printed further right is read as a line of its own in the same row.
            if (value.Length == 0 && i + 1 < lines.Count && SameRow(ocr.Lines[i].Box, ocr.Lines[i + 1].Box))
            {
                (value, line) = (lines[i + 1], i + 1);
            }

            if (value.Length > 0)
            {
                labelled[label.Field] = (value, line);
            }
        }

        var fields = wanted.Select(f => Field(f, labelled, lines, hasSeal)).ToList();
        var (validUntil, longTerm) = labelled.TryGetValue(PreReviewField.ValidUntil, out var validity) ? Validity(validity.Value) : (null, false);
        return new DocumentReading(fields, validUntil, longTerm);
    }

    private static FieldValue Field(PreReviewField field, Dictionary<PreReviewField, (string Value, int Line)> labelled, List<string> lines, bool hasSeal)
    {
        var found = labelled.TryGetValue(field, out var v) ? v : ((string Value, int Line)?)null;
        return field switch
        {
            PreReviewField.Seal => new FieldValue(field, hasSeal ? "有" : null, null),
            PreReviewField.Signature => Find(lines, l => SignatureLabels.Any(s => l.Contains(s, StringComparison.Ordinal)), l => l, field),
            PreReviewField.IdNumber => Number(field, found, lines, IdNumber(), CleanId),
            PreReviewField.CreditCode => Number(field, found, lines, CreditCode(), CleanCode),
            PreReviewField.LicenceNumber => Number(field, found, lines, LicenceNumber(), CleanCode),
            PreReviewField.ValidUntil => found is { } d && (Validity(d.Value).Until is not null || Validity(d.Value).LongTerm) ? new FieldValue(field, d.Value, d.Line) : new FieldValue(field, null, null),
            _ => found is { } n ? new FieldValue(field, n.Value, n.Line) : new FieldValue(field, null, null),
        };
    }

    // A labelled number is cleaned of what OCR confuses (O for 0, spaces); without a label, the first of its form anywhere.
    private static FieldValue Number(PreReviewField field, (string Value, int Line)? labelled, List<string> lines, Regex form, Func<string, string> clean)
    {
        if (labelled is { } l && form.Match(clean(l.Value)) is { Success: true } m)
        {
            return new FieldValue(field, m.Value, l.Line);
        }

        return Find(lines, line => form.IsMatch(clean(line)), line => form.Match(clean(line)).Value, field);
    }

    private static FieldValue Find(List<string> lines, Func<string, bool> match, Func<string, string> value, PreReviewField field)
    {
        var index = lines.FindIndex(l => match(l));
        return index < 0 ? new FieldValue(field, null, null) : new FieldValue(field, value(lines[index]), index);
    }

    /// <summary>
    /// The last date in a validity text (2021年11月01日至2026年10月31日 → 2026-10-31), or long-term (至长期). A range is
    /// read after its 至 only: when the end date cannot be read, the start date is not taken for it.
    /// </summary>
    public static (DateOnly? Until, bool LongTerm) Validity(string text)
    {
        if (text.Contains(LongTermWord, StringComparison.Ordinal))
        {
            return (null, true);
        }

        var to = text.LastIndexOf(RangeWord, StringComparison.Ordinal);
        text = to < 0 ? text : text[(to + RangeWord.Length)..];

        DateOnly? last = null;
        foreach (Match m in DateForm().Matches(text))
        {
            if (DateOnly.TryParseExact($"{m.Groups[1].Value}-{int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture):00}-{int.Parse(m.Groups[3].Value, CultureInfo.InvariantCulture):00}", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                last = date;
            }
        }

        return (last, false);
    }

    private static bool SameRow(OcrBox a, OcrBox b) => Math.Abs(a.CenterY - b.CenterY) < Math.Min(a.Height, b.Height) / 2.0 && b.X > a.X;

    private static string Normalise(string text) => text.Replace(" ", string.Empty, StringComparison.Ordinal).Replace('：', ':');

    private static string CleanId(string text) => new(text.Where(c => char.IsAsciiDigit(c) || c is 'X' or 'x').Select(char.ToUpperInvariant).ToArray());

    private static string CleanCode(string text) => new(text.Where(char.IsAsciiLetterOrDigit).Select(c => char.ToUpperInvariant(c) switch { 'O' => '0', 'I' => '1', var u => u }).ToArray());

    [GeneratedRegex(@"[1-9][0-9]{16}[0-9X]")]
    private static partial Regex IdNumber();

    [GeneratedRegex(@"[0-9A-Z]{2}[0-9]{6}[0-9A-Z]{10}")]
    private static partial Regex CreditCode();

    [GeneratedRegex(@"(?:JY|SC)[0-9]{14}|[A-Z0-9]{8,20}")]
    private static partial Regex LicenceNumber();

    [GeneratedRegex(@"(\d{4})\s*[年.\-/]\s*(\d{1,2})\s*[月.\-/]\s*(\d{1,2})")]
    private static partial Regex DateForm();
}
