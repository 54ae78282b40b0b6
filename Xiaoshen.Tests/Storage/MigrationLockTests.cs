using System.Net;

namespace Xiaoshen.Tests.Storage;

/// <summary>Nodes starting together on one database: one creates and migrates it, the others wait (issue 13).</summary>
public sealed class MigrationLockTests
{
    [PostgresFact]
    public async Task TwoNodesStartingTogetherOnAFreshDatabaseBothStart()
    {
        await using var database = PostgresDatabase.NotCreated();
        using var nodeA = database.Host();
        using var nodeB = database.Host();

        var clients = await Task.WhenAll(Task.Run(nodeA.CreateClient), Task.Run(nodeB.CreateClient));

        foreach (var client in clients)
        {
            using var health = await client.GetAsync("/health");
            Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        }
    }
}
