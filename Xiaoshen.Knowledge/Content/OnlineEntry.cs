namespace Xiaoshen.Knowledge.Content;

/// <summary>Where a matter is applied for online.</summary>
/// <param name="Name">The path in words, e.g. 随申办 &gt; 住房公积金 &gt; 离退休提取.</param>
/// <param name="Url">An official link.</param>
public sealed record OnlineEntry(string Name, string? Url);
