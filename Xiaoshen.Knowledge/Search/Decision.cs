namespace Xiaoshen.Knowledge.Search;

/// <summary>What Xiaoshen should do with a question.</summary>
public enum Decision
{
    /// <summary>Answer with an FAQ or a section of one matter.</summary>
    Answer,

    /// <summary>Ask which of 2–3 candidate matters is meant.</summary>
    Clarify,

    /// <summary>Say honestly that it cannot answer, and offer a human.</summary>
    Fallback,

    /// <summary>The person asks for a human (or the matter is human-only).</summary>
    Human,

    /// <summary>Greeting, thanks, identity, goodbye…</summary>
    Chitchat,
}
