using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace Xiaoshen.Tests.Api;

/// <summary>
/// The in-process server has no network, so no caller address: this puts the address named by the
/// <see cref="Header"/> header where Kestrel would (<c>Connection.RemoteIpAddress</c>), before any of the service's middleware.
/// </summary>
public sealed class RemoteAddressFilter : IStartupFilter
{
    public const string Header = "X-Test-Remote-Address";

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use((context, proceed) =>
        {
            if (IPAddress.TryParse(context.Request.Headers[Header].ToString(), out var address))
            {
                context.Connection.RemoteIpAddress = address;
            }

            return proceed(context);
        });
        next(app);
    };
}
