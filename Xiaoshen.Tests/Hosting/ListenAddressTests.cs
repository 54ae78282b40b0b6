namespace Xiaoshen.Tests.Hosting;

/// <summary>The service listens where the operator's platform says, not on a default that shadows it.</summary>
public sealed class ListenAddressTests
{
    [Fact]
    public async Task APortGivenAsAContainerImageGivesItIsTheOneServed()
    {
        // .NET container images set ASPNETCORE_HTTP_PORTS=8080; appsettings.json's Urls used to override it, and the
        // service listened on localhost:5080 inside the container, out of the load balancer's reach.
        await using var service = await ServiceProcess.StartAsync(portFromEnvironment: true);

        using var http = new HttpClient();
        var live = await http.GetAsync(service.BaseUrl + "/health/live");

        Assert.True(live.IsSuccessStatusCode, service.Log);
        Assert.DoesNotContain("localhost:5080", service.Log, StringComparison.Ordinal);
    }
}
