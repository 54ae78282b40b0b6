namespace Xiaoshen.Bot.Cli;

/// <summary>The command line is wrong; the message says how.</summary>
internal sealed class CliUsageException(string message) : Exception(message);
