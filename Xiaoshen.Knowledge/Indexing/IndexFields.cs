namespace Xiaoshen.Knowledge.Indexing;

/// <summary>Field names of the Lucene index.</summary>
internal static class IndexFields
{
    /// <summary>Unique document key (StringField, stored).</summary>
    public const string Key = "key";

    /// <summary>Matter id (StringField, stored).</summary>
    public const string MatterId = "matter";

    /// <summary>What the document is: see <see cref="DocumentKind"/> (stored).</summary>
    public const string Kind = "kind";

    /// <summary>FAQ number within the matter, 0 when not an FAQ (stored).</summary>
    public const string FaqNumber = "faq";

    /// <summary>Section kind for section documents (stored).</summary>
    public const string Section = "section";

    /// <summary>The phrase as the editor wrote it, or a label for long texts (stored only).</summary>
    public const string Text = "text";

    /// <summary>SmartCn words (TextField).</summary>
    public const string Words = "w";

    /// <summary>CJK bigrams of the joined words (TextField with term vectors, for coverage).</summary>
    public const string Bigrams = "bi";
}

/// <summary>The kinds of indexed documents; each phrasing is its own document so short questions are not diluted.</summary>
internal enum DocumentKind
{
    /// <summary>A matter name or alias.</summary>
    Name,

    /// <summary>An FAQ question or one of its alternatives.</summary>
    Question,

    /// <summary>An FAQ answer.</summary>
    Answer,

    /// <summary>A section body.</summary>
    Section,
}
