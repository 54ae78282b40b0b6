namespace Xiaoshen.Knowledge.Content;

/// <summary>Why <see cref="ContentEditor"/> did not write; the file is unchanged in every case.</summary>
public enum ContentEditFailure
{
    /// <summary>The file, the FAQ or the matter does not exist.</summary>
    NotFound,

    /// <summary>The file changed since the editor read it.</summary>
    FileChanged,

    /// <summary>The file or its folder cannot be written.</summary>
    ReadOnly,

    /// <summary>The file does not parse now, or would not parse after the edit.</summary>
    Broken,

    /// <summary>The phrasing is already there.</summary>
    Duplicate,

    /// <summary>The phrasing is empty, too long or holds a separator of the format.</summary>
    InvalidWording,
}
