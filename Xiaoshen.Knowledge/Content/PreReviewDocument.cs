namespace Xiaoshen.Knowledge.Content;

/// <summary>A document a person photographs for pre-review.</summary>
/// <param name="Name">What it is called (营业执照); unique within the checklist.</param>
/// <param name="Keywords">Words printed on it by which it is recognised in the text read from a photo.</param>
/// <param name="Visible">What must be visible on the photo.</param>
/// <param name="Photo">How to photograph it, when the editors say (正本整页，四角完整).</param>
/// <param name="Optional">True when the matter does not always need it (e.g. a power of attorney).</param>
public sealed record PreReviewDocument(string Name, IReadOnlyList<string> Keywords, IReadOnlyList<PreReviewField> Visible, string? Photo, bool Optional);
