using System.Net;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;

namespace Xiaoshen.Bot.Hosting;

/// <summary>
/// The service's public face: links from the configured address, client addresses from trusted proxies only, and
/// headers every response carries.
/// </summary>
internal static class PublicEndpointExtensions
{
    public static IHostApplicationBuilder AddPublicEndpoint(this IHostApplicationBuilder builder)
    {
        // Development (dotnet run) and tests may serve whatever address they are called at; a deployment must say its own.
        var requestHostAllowed = builder.Environment.IsDevelopmentOrTesting();
        builder.Services.AddOptions<PublicEndpointOptions>()
            .BindConfiguration(PublicEndpointOptions.SectionName)
            .ValidateDataAnnotations()
            .Validate(
                o => requestHostAllowed || o.BaseUrl.Length > 0,
                "PublicEndpoint:BaseUrl is not set. Outside Development and Testing the links Xiaoshen hands out (web chat streams, files) "
                + "are built from it, never from a request's Host header: set it to the address people use, "
                + "e.g. PublicEndpoint__BaseUrl=https://chat.example.gov.cn")
            .ValidateOnStart();
        builder.Services.AddSingleton<PublicUrls>();
        builder.Services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<PublicEndpointOptions>>((forwarded, endpoint) =>
        {
            var options = endpoint.Value;
            forwarded.KnownProxies.Clear();
            forwarded.KnownIPNetworks.Clear();
            foreach (var proxy in options.KnownProxies)
            {
                forwarded.KnownProxies.Add(IPAddress.Parse(proxy));
            }

            foreach (var network in options.KnownNetworks)
            {
                forwarded.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
            }

            // The middleware believes every sender when both lists are empty, so with no proxy configured it must read nothing.
            forwarded.ForwardedHeaders = options.KnownProxies.Length + options.KnownNetworks.Length == 0
                ? ForwardedHeaders.None
                : ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            forwarded.ForwardLimit = options.ForwardLimit;
        });
        return builder;
    }

    /// <summary>First in the pipeline: the client's address from trusted proxies, and <c>X-Content-Type-Options: nosniff</c> on every response.</summary>
    public static IApplicationBuilder UsePublicEndpoint(this IApplicationBuilder app)
    {
        app.UseForwardedHeaders();
        app.Use(NoSniff);
        return app;
    }

    // Browsers must not guess a type other than the one declared (an uploaded file served as an image stays an image).
    private static Task NoSniff(HttpContext context, RequestDelegate next)
    {
        context.Response.Headers.XContentTypeOptions = "nosniff";
        return next(context);
    }
}
