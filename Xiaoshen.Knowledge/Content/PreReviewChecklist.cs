namespace Xiaoshen.Knowledge.Content;

/// <summary>
/// A matter's pre-review (提前预审) checklist, from the <c>prereview</c> section of its front matter: the documents to
/// photograph, what must be visible on each, and the checks made on what is read. Immutable; safe to share.
/// </summary>
/// <param name="Documents">In the order the person is asked for them.</param>
/// <param name="Rules">The checks, in the order findings are reported.</param>
/// <param name="Notice">A sentence the person is told at the start (e.g. that 告知承诺 applies), if any.</param>
public sealed record PreReviewChecklist(IReadOnlyList<PreReviewDocument> Documents, IReadOnlyList<PreReviewRule> Rules, string? Notice)
{
    /// <summary>The Chinese name of each field, as editors write it.</summary>
    public static readonly IReadOnlyDictionary<PreReviewField, string> FieldTitles = new Dictionary<PreReviewField, string>
    {
        [PreReviewField.Name] = "名称",
        [PreReviewField.PersonName] = "姓名",
        [PreReviewField.IdNumber] = "公民身份号码",
        [PreReviewField.CreditCode] = "统一社会信用代码",
        [PreReviewField.LicenceNumber] = "许可证编号",
        [PreReviewField.ValidUntil] = "有效期",
        [PreReviewField.LegalRepresentative] = "法定代表人",
        [PreReviewField.Address] = "住所",
        [PreReviewField.Seal] = "印章",
        [PreReviewField.Signature] = "签名",
    };

    /// <summary>The Chinese name of each rule, as editors write it.</summary>
    public static readonly IReadOnlyDictionary<PreReviewRuleKind, string> RuleTitles = new Dictionary<PreReviewRuleKind, string>
    {
        [PreReviewRuleKind.NotExpired] = "未过期",
        [PreReviewRuleKind.NamesMatch] = "名称一致",
        [PreReviewRuleKind.IdChecksum] = "身份证号校验",
        [PreReviewRuleKind.NumberFormat] = "编号格式",
    };

    /// <summary>The document called <paramref name="name"/>, or null.</summary>
    public PreReviewDocument? Find(string name) => Documents.FirstOrDefault(d => d.Name == name);
}
