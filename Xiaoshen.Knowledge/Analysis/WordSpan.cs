namespace Xiaoshen.Knowledge.Analysis;

/// <summary>Where a word of a text lies: its start offset and the offset just after it.</summary>
internal readonly record struct WordSpan(int Start, int End);
