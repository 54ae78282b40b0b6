using Microsoft.AspNetCore.Http.HttpResults;

namespace Xiaoshen.Bot.AgentConsole;

/// <summary>
/// Refuses a state-changing request that carries the console cookie but comes from another site (its Origin, or else
/// its Referer, names another host): a page elsewhere cannot act with a signed-in agent's cookie. Requests without the
/// cookie (scripts with their own sign-in) and requests without either header (not from a browser) are unaffected.
/// </summary>
internal sealed class SameOriginFilter : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var request = context.HttpContext.Request;
        if (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method)
            || !request.Cookies.ContainsKey(AgentConsoleExtensions.CookieName))
        {
            return await next(context);
        }

        var source = request.Headers.Origin.ToString() is { Length: > 0 } origin ? origin : request.Headers.Referer.ToString();
        if (source.Length == 0 || (Uri.TryCreate(source, UriKind.Absolute, out var uri) && IsSameHost(uri, request.Host)))
        {
            return await next(context);
        }

        return TypedResults.Problem("A signed-in request from another site is refused.", statusCode: StatusCodes.Status403Forbidden, title: "Cross-site request");
    }

    // Scheme is not compared: behind a proxy that ends TLS the service sees http while the browser says https.
    private static bool IsSameHost(Uri source, HostString host) =>
        string.Equals(source.IdnHost, host.Host, StringComparison.OrdinalIgnoreCase)
        && (host.Port is null ? source.IsDefaultPort : source.Port == host.Port);
}
