using Microsoft.Extensions.Options;

namespace Xiaoshen.Bot.Hosting;

/// <summary>Absolute links to this service, from <see cref="PublicEndpointOptions.BaseUrl"/>. Singleton.</summary>
public sealed class PublicUrls(IOptions<PublicEndpointOptions> options)
{
    /// <summary>
    /// The base address without a trailing slash. When none is configured (allowed only in Development and Testing, see
    /// <see cref="PublicEndpointExtensions"/>), the address the request came to.
    /// </summary>
    public string BaseUrl(HttpRequest request) => options.Value.BaseUrl is { Length: > 0 } configured
        ? configured.TrimEnd('/')
        : $"{request.Scheme}://{request.Host}{request.PathBase}";
}
