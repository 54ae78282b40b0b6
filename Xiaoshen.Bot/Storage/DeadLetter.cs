namespace Xiaoshen.Bot.Storage;

/// <summary>
/// A change the database refused for good (a constraint it breaks, a value it cannot hold), kept here instead of being
/// dropped, with the error, for an operator to look at. Its values are masked and fitted like any stored text.
/// </summary>
public sealed class DeadLetter
{
    public Guid Id { get; set; }

    public DateTimeOffset At { get; set; }

    /// <summary>The entity type and what was done: <c>Turn Added</c>, <c>CallbackTicket Modified</c>…</summary>
    public string Change { get; set; } = string.Empty;

    /// <summary>The entity's values as JSON (property name to value).</summary>
    public string Json { get; set; } = "{}";

    /// <summary>What the database said.</summary>
    public string Error { get; set; } = string.Empty;
}
