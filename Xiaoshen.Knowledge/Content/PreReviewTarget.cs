namespace Xiaoshen.Knowledge.Content;

/// <summary>What a rule looks at: a document, or one field of it (<c>营业执照.名称</c>).</summary>
/// <param name="Document">The document's name, as in the checklist.</param>
/// <param name="Field">The field, when the rule compares fields.</param>
public sealed record PreReviewTarget(string Document, PreReviewField? Field);
