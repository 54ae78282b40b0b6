using Xiaoshen.Bot.PreReview;
using Xiaoshen.Bot.PreReview.Ocr;
using Xiaoshen.Knowledge.Content;

namespace Xiaoshen.Tests.PreReview;

/// <summary>
/// The automatic pre-review checks (issue 16) on the lines OCR reads from one photo each: fields found by their printed
/// labels, then not expired, names consistent, identity-number checksum and number formats, each finding citing its
/// document and photo, with personal data masked.
/// </summary>
public sealed class PreReviewRulesTests
{
    private static readonly DateOnly Today = new(2026, 11, 30);

    // As sp-license-renew in the knowledge base: food licence, business licence, the legal representative's ID card.
    private static readonly PreReviewChecklist Renewal = new(
        [
            new("食品经营许可证", ["食品经营许可证"], [PreReviewField.Name, PreReviewField.LicenceNumber, PreReviewField.LegalRepresentative, PreReviewField.ValidUntil], null, false),
            new("营业执照", ["营业执照"], [PreReviewField.Name, PreReviewField.CreditCode, PreReviewField.LegalRepresentative, PreReviewField.ValidUntil], null, false),
            new("法定代表人身份证", ["公民身份号码"], [PreReviewField.PersonName, PreReviewField.IdNumber], null, false),
        ],
        [
            new(PreReviewRuleKind.NotExpired, [new("食品经营许可证", null), new("营业执照", null)]),
            new(PreReviewRuleKind.NamesMatch, [new("食品经营许可证", PreReviewField.Name), new("营业执照", PreReviewField.Name)]),
            new(PreReviewRuleKind.NamesMatch, [new("营业执照", PreReviewField.LegalRepresentative), new("法定代表人身份证", PreReviewField.PersonName)]),
            new(PreReviewRuleKind.IdChecksum, [new("法定代表人身份证", null)]),
            new(PreReviewRuleKind.NumberFormat, [new("食品经营许可证", null), new("营业执照", null)]),
        ],
        null);

    private static string[] FoodLicence(string validUntil = "2029年11月30日", string number = "JY13101170012345") =>
        ["食品经营许可证", $"许可证编号:{number}", "经营者名称 上海小申餐饮管理有限公司", "法定代表人（负责人） 李晓华", $"有效期至 {validUntil}"];

    private static string[] BusinessLicence(string name = "上海小申餐饮管理有限公司", string representative = "李晓华") =>
        ["营业执照", "统一社会信用代码 91310117MA1J3KXQ5T", $"名称 {name}", $"法定代表人 {representative}", "营业期限 2019年05月20日至2039年05月19日"];

    private static string[] IdCard(string number = "310101199003071230") => ["姓名 李晓华", "性别 女 民族 汉", $"公民身份号码 {number}"];

    [Fact]
    public void MaterialsInOrderAreComplete()
    {
        var findings = Evaluate(FoodLicence(), BusinessLicence(), IdCard());

        var only = Assert.Single(findings);
        Assert.Equal(FindingKind.Complete, only.Kind);
    }

    [Fact]
    public void AnExpiredLicenceIsFoundWithItsDate()
    {
        var findings = Evaluate(FoodLicence(validUntil: "2026年11月29日"), BusinessLicence(), IdCard());

        var expired = Assert.Single(findings);
        Assert.Equal(FindingKind.Expired, expired.Kind);
        Assert.Equal("食品经营许可证", expired.Document);
        Assert.Equal(1, expired.Upload);
        Assert.Equal("2026-11-29", expired.Value);
    }

    [Fact]
    public void ALicenceValidUntilTodayIsNotExpired()
    {
        Assert.Equal(FindingKind.Complete, Assert.Single(Evaluate(FoodLicence(validUntil: "2026年11月30日"), BusinessLicence(), IdCard())).Kind);
    }

    [Fact]
    public void AWrongIdChecksumIsFoundAndTheNumberIsNotShownWhole()
    {
        var findings = Evaluate(FoodLicence(), BusinessLicence(), IdCard("310101199003071231"));

        var wrong = Assert.Single(findings);
        Assert.Equal(FindingKind.IdChecksum, wrong.Kind);
        Assert.Equal("法定代表人身份证", wrong.Document);
        Assert.Equal(3, wrong.Upload);
        Assert.DoesNotContain("310101199003071231", wrong.Value, StringComparison.Ordinal);
    }

    [Fact]
    public void NamesThatDifferAreFoundCitingBothDocumentsWithTheNamesMasked()
    {
        var findings = Evaluate(FoodLicence(), BusinessLicence(representative: "李小华"), IdCard());

        var differ = Assert.Single(findings);
        Assert.Equal(FindingKind.NamesDiffer, differ.Kind);
        Assert.Equal(("营业执照", "法定代表人", "李**"), (differ.Document, differ.Field, differ.Value));
        Assert.Equal(("法定代表人身份证", "姓名", "李**"), (differ.OtherDocument, differ.OtherField, differ.OtherValue));
    }

    [Fact]
    public void FullWidthAndHalfWidthBracketsDoNotMakeNamesDiffer()
    {
        var findings = Evaluate(
            [.. FoodLicence().Select(l => l.Replace("有限公司", "有限公司（松江店）", StringComparison.Ordinal))],
            BusinessLicence(name: "上海小申餐饮管理有限公司(松江店)"),
            IdCard());

        Assert.Equal(FindingKind.Complete, Assert.Single(findings).Kind);
    }

    [Fact]
    public void ALicenceNumberOfTheWrongFormIsFound()
    {
        var findings = Evaluate(FoodLicence(number: "JY9310117001234"), BusinessLicence(), IdCard());

        var format = Assert.Single(findings, f => f.IsProblem);
        Assert.Equal(FindingKind.NumberFormat, format.Kind);
        Assert.Equal(("食品经营许可证", "许可证编号"), (format.Document, format.Field));
    }

    [Fact]
    public void ARangeWhoseEndCannotBeReadIsNotTakenForItsStartDate()
    {
        // A seal stamped over the end date: OCR reads 2039年（5月19日, and 2019年05月20日 is the start, not the end.
        var findings = Evaluate(FoodLicence(), [.. BusinessLicence().Select(l => l.Replace("2039年05月19日", "2039年（5月19日", StringComparison.Ordinal))], IdCard());

        Assert.DoesNotContain(findings, f => f.Kind == FindingKind.Expired);
        var unread = Assert.Single(findings);
        Assert.Equal((FindingKind.NotVisible, "营业执照", "有效期"), (unread.Kind, unread.Document, unread.Field));
    }

    [Fact]
    public void AMissingDocumentIsFound()
    {
        var findings = PreReviewRules.Evaluate(Renewal, [Upload(1, "食品经营许可证", FoodLicence()), Upload(2, "营业执照", BusinessLicence())], Today);

        var missing = Assert.Single(findings);
        Assert.Equal((FindingKind.Missing, "法定代表人身份证"), (missing.Kind, missing.Document));
    }

    [Theory]
    [InlineData("310101199003071230", true)]
    [InlineData("31010119900307123x", false)]
    [InlineData("310101199002301236", false)] // 30 February
    [InlineData("31010119900307123", false)]
    public void IdNumbersAreCheckedByTheirCheckCharacterAndBirthDate(string id, bool valid)
    {
        Assert.Equal(valid, IdentityNumbers.IsValidIdNumber(id));
    }

    [Theory]
    [InlineData("91310117MA1J3KXQ5T", true)]
    [InlineData("91310117MA1J3KXQ5B", false)]
    [InlineData("91310117MA1J3KXQ5", false)]
    public void CreditCodesAreCheckedByTheirCheckCharacter(string code, bool valid)
    {
        Assert.Equal(valid, IdentityNumbers.IsValidCreditCode(code));
    }

    [Fact]
    public void AValueToTheRightOfItsLabelIsReadFromTheSameRow()
    {
        OcrLine[] lines =
        [
            new("营业执照", 0.99, new OcrBox(200, 20, 200, 40)),
            new("名称", 0.99, new OcrBox(40, 100, 70, 34)),
            new("上海小申餐饮管理有限公司", 0.98, new OcrBox(160, 98, 420, 36)),
            new("营业期限", 0.99, new OcrBox(40, 160, 130, 34)),
            new("2019年05月20日至长期", 0.97, new OcrBox(200, 160, 330, 34)),
        ];

        var reading = FieldReader.Read(new OcrResult(640, 240, lines), [PreReviewField.Name, PreReviewField.ValidUntil], hasSeal: false);

        Assert.Equal("上海小申餐饮管理有限公司", reading.Find(PreReviewField.Name)!.Value);
        Assert.Equal(2, reading.Find(PreReviewField.Name)!.Line);
        Assert.True(reading.LongTerm);
        Assert.Null(reading.ValidUntil);
    }

    private static List<PreReviewFinding> Evaluate(string[] foodLicence, string[] businessLicence, string[] idCard) =>
        PreReviewRules.Evaluate(Renewal, [Upload(1, "食品经营许可证", foodLicence), Upload(2, "营业执照", businessLicence), Upload(3, "法定代表人身份证", idCard)], Today);

    // One photo's OCR lines, one under the other, read for the fields its document must show.
    private static ReadUpload Upload(int number, string document, string[] texts)
    {
        var lines = texts.Select((t, i) => new OcrLine(t, 0.97, new OcrBox(40, 40 + (i * 60), 30 * t.Length, 34))).ToList();
        var reading = FieldReader.Read(new OcrResult(1000, 60 * (texts.Length + 1), lines), Renewal.Find(document)!.Visible, hasSeal: true);
        return new ReadUpload(number, document, reading);
    }
}
