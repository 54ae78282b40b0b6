namespace Xiaoshen.Knowledge.Search;

/// <summary>
/// What a question about time asks: the office's time limit (办理时限), or how often, by when, how long a benefit is paid, or
/// how long one must wait.
/// </summary>
internal enum TimeAsk
{
    /// <summary>How often (多久提取一次, 一年几次).</summary>
    Frequency,

    /// <summary>By when the person must act (多久必须报户口, 到期前多久, 截止).</summary>
    Deadline,

    /// <summary>How long a card or licence stays valid (有效期多久, 能用多久, 管几年): the FAQ that asks it, not the time limit.</summary>
    Validity,

    /// <summary>How long a benefit or allowance is paid (能领多久, 领几个月): the FAQ that asks it.</summary>
    Period,

    /// <summary>How long one must have lived, paid or worked before one may apply (住多久才可以办, 交满多久): a condition.</summary>
    Wait,

    /// <summary>How long the office takes (多久能拿到, 几个工作日, 多久到账): the time limit, or an FAQ that asks it.</summary>
    Duration,
}
