namespace Xiaoshen.Knowledge.Search;

/// <summary>A matter found for a question, with its best document and the features of the confidence model.</summary>
internal sealed record MatterCandidate(string MatterId, double Score, IndexedDocument BestDocument, IndexedDocument? BestQuestion, RankingFeatures Features);
