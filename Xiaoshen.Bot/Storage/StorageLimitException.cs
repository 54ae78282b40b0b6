namespace Xiaoshen.Bot.Storage;

/// <summary>An identifier longer than its column: it cannot be shortened without pointing somewhere else, so it is refused.</summary>
public sealed class StorageLimitException(string entity, string property, int length, int maxLength)
    : InvalidOperationException($"{entity}.{property} is {length} characters long; the column holds {maxLength}.");
