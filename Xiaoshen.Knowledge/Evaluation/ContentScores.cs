using System.Text.Json.Serialization;

namespace Xiaoshen.Knowledge.Evaluation;

/// <summary>
/// Section-level scores (issue 12, item 8), over the questions labelled with the paragraphs that answer them
/// (<c>"answer"</c>): how often the right matter was answered, and how often, with the right matter, the answer was one
/// of the labelled FAQs, sections or the overview. Fractions in [0,1].
/// </summary>
/// <param name="Count">Questions with an <c>answer</c> label.</param>
/// <param name="RightMatter">Share answered with the labelled matter.</param>
/// <param name="RightContent">Share answered with the labelled matter and a labelled paragraph.</param>
/// <param name="ContentGivenMatter">Of those answered with the right matter, the share with a labelled paragraph.</param>
/// <param name="Overview">Share answered with an overview.</param>
public sealed record ContentScores(
    [property: JsonPropertyName("count")] int Count,
    [property: JsonPropertyName("right_matter")] double RightMatter,
    [property: JsonPropertyName("right_content")] double RightContent,
    [property: JsonPropertyName("content_given_matter")] double ContentGivenMatter,
    [property: JsonPropertyName("overview")] double Overview);
