namespace Xiaoshen.Bot.Storage;

/// <summary>Where an upload is: its row is inserted before its bytes are written.</summary>
public enum UploadState
{
    /// <summary>Counted against the quotas while the file is written; not counted once stale (a node died mid-upload).</summary>
    Reserved,

    /// <summary>The file is written and linked.</summary>
    Kept,
}
