using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace Xiaoshen.Tests.Fakes;

/// <summary>
/// The network edge for in-process hosts: the test server has no TCP connection, so a request says which address it
/// comes from in <see cref="Header"/>; this sets it as the connection's remote address before the service sees it.
/// </summary>
public sealed class FakeRemoteAddress : IStartupFilter
{
    public const string Header = "X-Test-Remote-Address";

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use(SetAddress);
        next(app);
    };

    private static Task SetAddress(HttpContext context, RequestDelegate next)
    {
        if (context.Request.Headers.TryGetValue(Header, out var address))
        {
            context.Connection.RemoteIpAddress = IPAddress.Parse(address.ToString());
            context.Request.Headers.Remove(Header);
        }

        return next(context);
    }
}
