namespace Xiaoshen.Knowledge.Content;

/// <summary>A department from <c>departments.yaml</c>.</summary>
public sealed record Department
{
    /// <summary>Short ASCII id, e.g. <c>gjj</c>.</summary>
    public required string Id { get; init; }

    /// <summary>Official name; matter files refer to it.</summary>
    public required string Name { get; init; }

    /// <summary>The human-agent group that takes this department's conversations.</summary>
    public required string AgentGroup { get; init; }

    /// <summary>The group notified when nobody in <see cref="AgentGroup"/> answers in time.</summary>
    public string? BackupGroup { get; init; }

    /// <summary>Online working hours per day of week.</summary>
    public required WorkingHours Hours { get; init; }

    /// <summary>Public phone for the fallback message.</summary>
    public string? Phone { get; init; }

    /// <summary>Public address for the fallback message.</summary>
    public string? Address { get; init; }
}
