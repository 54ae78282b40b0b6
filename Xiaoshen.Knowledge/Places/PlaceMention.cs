namespace Xiaoshen.Knowledge.Places;

/// <summary>A place named in a question.</summary>
/// <param name="Surface">The characters as written (normalised), e.g. 洛阳.</param>
/// <param name="Name">The place's full name, e.g. 洛阳市.</param>
/// <param name="Kind">Its level.</param>
/// <param name="IsShanghai">True for Shanghai and its districts, towns and streets.</param>
/// <param name="Start">Offset of <paramref name="Surface"/> in the normalised question.</param>
public sealed record PlaceMention(string Surface, string Name, PlaceKind Kind, bool IsShanghai, int Start)
{
    /// <summary>True for Hong Kong, Macao, Taiwan and foreign countries: Shanghai's exit-entry matters are about going there.</summary>
    public bool IsAbroad => Kind is PlaceKind.SpecialRegion or PlaceKind.Foreign;

    /// <summary>True when one of <paramref name="words"/> follows the place directly in <paramref name="normalized"/> (香港 护照).</summary>
    public bool IsFollowedBy(string normalized, IEnumerable<string> words) => words.Any(w => IsFollowedBy(normalized, w));

    /// <summary>True when <paramref name="word"/> follows the place directly in <paramref name="normalized"/> (河南 人).</summary>
    public bool IsFollowedBy(string normalized, string word) => normalized.AsSpan(Start + Surface.Length).StartsWith(word, StringComparison.Ordinal);
}
