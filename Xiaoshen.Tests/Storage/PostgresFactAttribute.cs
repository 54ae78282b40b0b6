namespace Xiaoshen.Tests.Storage;

/// <summary>
/// A test that needs a real PostgreSQL server: its connection string (to a database the role may create databases from)
/// comes from <c>XIAOSHEN_TEST_POSTGRES</c>, which <c>.ci/run</c> sets after starting one. Skipped, with the reason, when unset.
/// </summary>
public sealed class PostgresFactAttribute : FactAttribute
{
    public const string Variable = "XIAOSHEN_TEST_POSTGRES";

    public PostgresFactAttribute()
    {
        if (string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(Variable)))
        {
            Skip = $"PostgreSQL is not available: set {Variable} (.ci/run starts a local server and sets it)";
        }
    }

    public static string ConnectionString => Environment.GetEnvironmentVariable(Variable)!;
}
