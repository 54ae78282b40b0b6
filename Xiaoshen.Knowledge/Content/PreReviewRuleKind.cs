namespace Xiaoshen.Knowledge.Content;

/// <summary>A check pre-review makes on the documents read (a key under <c>rules</c> of a matter's <c>prereview</c> section).</summary>
public enum PreReviewRuleKind
{
    /// <summary>未过期: the documents' validity dates are not in the past.</summary>
    NotExpired,

    /// <summary>名称一致: the named fields read the same on every document.</summary>
    NamesMatch,

    /// <summary>身份证号校验: the resident identity number's check character is right (GB 11643).</summary>
    IdChecksum,

    /// <summary>编号格式: credit codes (GB 32100, with their check character) and licence numbers have their form.</summary>
    NumberFormat,
}
