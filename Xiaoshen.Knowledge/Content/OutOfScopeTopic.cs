namespace Xiaoshen.Knowledge.Content;

/// <summary>A government topic that the catalogue does not cover, from <c>out-of-scope.yaml</c>.</summary>
/// <param name="Topic">What it is about (留学回国人员落户).</param>
/// <param name="Phrasings">Ways people ask about it.</param>
/// <param name="Line">1-based line of the topic.</param>
public sealed record OutOfScopeTopic(string Topic, IReadOnlyList<string> Phrasings, int Line);
