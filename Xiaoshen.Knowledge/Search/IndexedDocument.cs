using Xiaoshen.Knowledge.Content;
using Xiaoshen.Knowledge.Indexing;

namespace Xiaoshen.Knowledge.Search;

/// <summary>What the snapshot keeps in memory for each Lucene document (by doc id), so ranking never reads stored fields.</summary>
internal sealed record IndexedDocument(
    string MatterId,
    DocumentKind Kind,
    int FaqNumber,
    SectionKind? Section,
    string Text,
    IReadOnlySet<string> Bigrams);
