namespace Xiaoshen.Knowledge.Analysis;

/// <summary>A text after each step of preparation.</summary>
/// <param name="Normalized">After <see cref="TextNormalizer"/>.</param>
/// <param name="Corrected">After the homophone typos are corrected (<see cref="TypoCorrector"/>): the same as
/// <paramref name="Normalized"/> when nothing was changed or the preparer corrects nothing.</param>
/// <param name="Rewritten">After synonyms.</param>
/// <param name="Words">SmartCn words without filler.</param>
/// <param name="Joined">The words joined again, input of the bigram field.</param>
/// <param name="Bigrams">The bigram terms.</param>
internal sealed record PreparedText(string Normalized, string Corrected, string Rewritten, IReadOnlyList<string> Words, string Joined, IReadOnlyList<string> Bigrams)
{
    public bool IsEmpty => Words.Count == 0 && Bigrams.Count == 0;

    /// <summary>What the text models read: the words separated by spaces.</summary>
    public string ModelText => string.Join(' ', Words);
}
