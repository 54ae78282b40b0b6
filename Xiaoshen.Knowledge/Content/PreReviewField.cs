namespace Xiaoshen.Knowledge.Content;

/// <summary>What must be visible on a document for pre-review (a <c>visible</c> entry of a matter's <c>prereview</c> section).</summary>
public enum PreReviewField
{
    /// <summary>名称: the name of the business or holder.</summary>
    Name,

    /// <summary>姓名: a person's name (an ID card).</summary>
    PersonName,

    /// <summary>公民身份号码: the 18-character resident identity number.</summary>
    IdNumber,

    /// <summary>统一社会信用代码: the 18-character unified social credit code.</summary>
    CreditCode,

    /// <summary>许可证编号: a licence number (e.g. a food business licence, JY + 14 digits).</summary>
    LicenceNumber,

    /// <summary>有效期: the last day the document is valid.</summary>
    ValidUntil,

    /// <summary>法定代表人: the legal representative (负责人).</summary>
    LegalRepresentative,

    /// <summary>住所: the registered address or premises.</summary>
    Address,

    /// <summary>印章: the issuer's or applicant's red seal.</summary>
    Seal,

    /// <summary>签名: a handwritten signature.</summary>
    Signature,
}
