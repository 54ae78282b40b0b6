namespace Xiaoshen.Bot.PreReview;

/// <summary>What an automatic pre-review check found.</summary>
public enum FindingKind
{
    /// <summary>Every document is there and no check failed.</summary>
    Complete,

    /// <summary>A required document was not among the photos.</summary>
    Missing,

    /// <summary>A photo could not be matched to any document of the checklist.</summary>
    Unrecognised,

    /// <summary>Something that must be visible could not be read.</summary>
    NotVisible,

    /// <summary>The validity date is in the past.</summary>
    Expired,

    /// <summary>Names that must agree differ between documents.</summary>
    NamesDiffer,

    /// <summary>The resident identity number's check character is wrong.</summary>
    IdChecksum,

    /// <summary>A credit code or licence number does not have its form.</summary>
    NumberFormat,

    /// <summary>Something only a person can judge (a handwritten signature).</summary>
    StaffCheck,
}
