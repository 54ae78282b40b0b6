namespace Xiaoshen.Knowledge.Content;

/// <summary>The fixed sections of a matter file, in the order editors write them.</summary>
public enum SectionKind
{
    /// <summary>办理条件: who may apply.</summary>
    Conditions,

    /// <summary>申请材料: documents to bring or upload.</summary>
    Materials,

    /// <summary>办理流程: the steps.</summary>
    Process,

    /// <summary>办理渠道: online entry, offline place, hotline.</summary>
    Channels,

    /// <summary>办理时限: legal and promised time limits.</summary>
    TimeLimit,

    /// <summary>收费标准: fees.</summary>
    Fees,

    /// <summary>常见问题: the FAQ list (not answered as a section).</summary>
    Faq,
}
