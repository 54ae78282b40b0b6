namespace Xiaoshen.Tests;

/// <summary>Waits for an effect of the service's own background work (a job, retries), not for a time; fails after a minute.</summary>
internal static class Eventually
{
    public static async Task TrueAsync(Func<Task<bool>> done, string failure)
    {
        for (var i = 0; i < 600 && !await done(); i++)
        {
            await Task.Delay(100);
        }

        Assert.True(await done(), failure);
    }
}
