using Xiaoshen.Tests.Storage;

namespace Xiaoshen.Tests.Cluster;

/// <summary>
/// A test that needs a real Redis server (and, when asked, PostgreSQL): its configuration string comes from
/// <c>XIAOSHEN_TEST_REDIS</c>, which <c>.ci/run</c> sets after starting one. Skipped, with the reason, when unset (or
/// when Chromium is asked for and absent).
/// </summary>
public sealed class RedisFactAttribute : FactAttribute
{
    public const string Variable = "XIAOSHEN_TEST_REDIS";

    public RedisFactAttribute(bool withPostgres = false, bool withChromium = false)
    {
        if (string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(Variable)))
        {
            Skip = $"Redis is not available: set {Variable} (.ci/run starts a local server and sets it)";
        }
        else if (withPostgres && string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(PostgresFactAttribute.Variable)))
        {
            Skip = $"PostgreSQL is not available: set {PostgresFactAttribute.Variable} (.ci/run starts a local server and sets it)";
        }
        else if (withChromium && !File.Exists(Browser.ChromiumFactAttribute.ExecutablePath))
        {
            Skip = $"Chromium is not installed at {Browser.ChromiumFactAttribute.ExecutablePath} (.ci/run installs the Debian package chromium)";
        }
    }

    public static string Configuration => Environment.GetEnvironmentVariable(Variable)!;
}
