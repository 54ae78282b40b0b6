using Xiaoshen.Knowledge.Evaluation;

namespace Xiaoshen.Knowledge.Content;

/// <summary>Everything loaded from the content folder. Immutable; safe to share across threads.</summary>
public sealed record KnowledgeBase
{
    /// <summary>Matters by id.</summary>
    public required IReadOnlyDictionary<string, Matter> Matters { get; init; }

    /// <summary>Departments by name.</summary>
    public required IReadOnlyDictionary<string, Department> Departments { get; init; }

    /// <summary>Holidays and 调休 working days, all years.</summary>
    public required IReadOnlyList<CalendarDay> Calendar { get; init; }

    /// <summary>Synonym rules in file order.</summary>
    public required IReadOnlyList<SynonymRule> Synonyms { get; init; }

    /// <summary>Chit-chat, human phrases and section cues.</summary>
    public required ConversationLexicon Lexicon { get; init; }

    /// <summary>How questions about other places are answered (<c>places.yaml</c>).</summary>
    public PlaceLexicon Places { get; init; } = PlaceLexicon.Empty;

    /// <summary>Government topics that are not in the catalogue, with phrasings (<c>out-of-scope.yaml</c>): negatives for the scope model.</summary>
    public IReadOnlyList<OutOfScopeTopic> OutOfScope { get; init; } = [];

    /// <summary>The 政务服务中心 that book in-person help (<c>service-centres.yaml</c>), in file order; none without the file.</summary>
    public IReadOnlyList<ServiceCentre> ServiceCentres { get; init; } = [];

    /// <summary>The fixed catalogue of matter ids.</summary>
    public required IReadOnlyList<CatalogEntry> Catalog { get; init; }

    /// <summary>Hash of every content file, so a build can be matched to its content.</summary>
    public required string ContentHash { get; init; }

    /// <summary>
    /// The questions of the sets the models are trained on (<c>eval/dev.jsonl</c>…), read with the rest of the folder, so
    /// that a build trains on the same version of them that <see cref="ContentHash"/> describes.
    /// </summary>
    public IReadOnlyList<EvalQuestion> TrainingQuestions { get; init; } = [];

    /// <summary>Number of FAQs over all matters.</summary>
    public int FaqCount => Matters.Values.Sum(m => m.Faqs.Count);

    /// <summary>Finds an FAQ by its <c>matter-id#N</c> reference.</summary>
    public Faq? FindFaq(string reference)
    {
        var hash = reference.IndexOf('#', StringComparison.Ordinal);
        if (hash < 0 || !Matters.TryGetValue(reference[..hash], out var matter) || !int.TryParse(reference[(hash + 1)..], out var n))
        {
            return null;
        }

        return n >= 1 && n <= matter.Faqs.Count ? matter.Faqs[n - 1] : null;
    }
}
