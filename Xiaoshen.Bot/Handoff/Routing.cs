using Xiaoshen.Bot.Conversations;

namespace Xiaoshen.Bot.Handoff;

/// <summary>Where a handoff goes: the matter's department and its agent group, with the backup group for escalation.</summary>
public sealed record Routing(string DepartmentId, string DepartmentName, string AgentGroup, string? BackupGroup, string? MatterId, HandoffReason Reason);
