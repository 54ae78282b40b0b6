namespace Xiaoshen.Knowledge.Search;

/// <summary>What a question about time asks when it is not the office's time limit (办理时限).</summary>
internal enum TimeAsk
{
    /// <summary>How often (多久提取一次, 一年几次).</summary>
    Frequency,

    /// <summary>By when the person must act, or how long something stays valid (多久必须报户口, 到期前多久, 有效期, 截止).</summary>
    Deadline,

    /// <summary>How long one must have lived, paid or worked before one may apply (住多久才可以办, 交满多久): a condition.</summary>
    Wait,
}
