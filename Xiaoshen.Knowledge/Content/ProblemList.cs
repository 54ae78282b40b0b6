namespace Xiaoshen.Knowledge.Content;

/// <summary>Collects problems for one file while it is parsed; lines are shifted by the fragment's offset in the file.</summary>
internal sealed class ProblemList
{
    private readonly List<ContentProblem> _problems;
    private readonly int _lineOffset;

    public ProblemList(string file)
        : this(file, [], 0)
    {
    }

    private ProblemList(string file, List<ContentProblem> problems, int lineOffset)
    {
        File = file;
        _problems = problems;
        _lineOffset = lineOffset;
    }

    public string File { get; }

    public IReadOnlyList<ContentProblem> Problems => _problems;

    public bool HasErrors => _problems.Exists(p => p.Severity == ProblemSeverity.Error);

    /// <summary>A view of the same list for a fragment that starts <paramref name="offset"/> lines further down.</summary>
    public ProblemList At(int offset) => new(File, _problems, _lineOffset + offset);

    public void Error(int line, string message) => _problems.Add(new ContentProblem(File, Shift(line), message));

    public void Warning(int line, string message) =>
        _problems.Add(new ContentProblem(File, Shift(line), message, ProblemSeverity.Warning));

    /// <summary>The file line of a fragment line (0 stays 0).</summary>
    public int LineInFile(int line) => Shift(line);

    private int Shift(int line) => line <= 0 ? 0 : line + _lineOffset;
}
