namespace Xiaoshen.Knowledge.Evaluation;

/// <summary>An evaluation file cannot be read: unreadable, or a line that is not valid JSON (the message says which).</summary>
public sealed class EvalInputException : Exception
{
    /// <summary>Creates the exception.</summary>
    public EvalInputException(string message, Exception? inner = null)
        : base(message, inner)
    {
    }

    /// <summary>Creates the exception.</summary>
    public EvalInputException()
    {
    }

    /// <summary>Creates the exception.</summary>
    public EvalInputException(string message)
        : base(message)
    {
    }
}
