namespace Xiaoshen.Knowledge.Analysis;

/// <summary>A text after each step of preparation.</summary>
/// <param name="Normalized">After <see cref="TextNormalizer"/>.</param>
/// <param name="Corrected">After the homophone typos are corrected (<see cref="TypoCorrector"/>), and for a question with
/// its English terms put in Chinese and its English filler words left out (what materials do I need → 材料): the same as
/// <paramref name="Normalized"/> when nothing was changed.</param>
/// <param name="Rewritten">After synonyms, from the corrected text as typed (English terms and filler words included).</param>
/// <param name="Words">SmartCn words without filler.</param>
/// <param name="Joined">The words joined again, input of the bigram field.</param>
/// <param name="Bigrams">The bigram terms.</param>
internal sealed record PreparedText(string Normalized, string Corrected, string Rewritten, IReadOnlyList<string> Words, string Joined, IReadOnlyList<string> Bigrams)
{
    public bool IsEmpty => Words.Count == 0 && Bigrams.Count == 0;

    /// <summary>
    /// True when the text is written in English rather than Chinese: more Latin letters than Chinese characters (How do I
    /// apply for a work permit, 办 Z visa, not 社保卡APP怎么下载).
    /// </summary>
    public bool IsEnglish => Normalized.Count(char.IsAsciiLetter) > Normalized.Count(c => c is >= '\u4e00' and <= '\u9fff');

    /// <summary>What the text models read: the words separated by spaces.</summary>
    public string ModelText => string.Join(' ', Words);
}
