namespace Xiaoshen.Knowledge.Content;

/// <summary>One line of <c>synonyms.txt</c> (Solr format).</summary>
/// <param name="From">Terms rewritten by this rule.</param>
/// <param name="To">The canonical term they become.</param>
/// <param name="Line">1-based line in the file.</param>
/// <remarks><c>a,b,c</c> makes all three equal to <c>a</c>; <c>x,y =&gt; z</c> rewrites x and y to z.</remarks>
public sealed record SynonymRule(IReadOnlyList<string> From, string To, int Line);
