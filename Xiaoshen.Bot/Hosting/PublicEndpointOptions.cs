using System.ComponentModel.DataAnnotations;
using System.Net;

namespace Xiaoshen.Bot.Hosting;

/// <summary>How people and clients reach the service: its public address and the reverse proxies in front of it. Bound from <c>PublicEndpoint</c>.</summary>
public sealed class PublicEndpointOptions : IValidatableObject
{
    public const string SectionName = "PublicEndpoint";

    /// <summary>
    /// The address people use, with scheme and an optional path (<c>https://chat.example.gov.cn</c>). Links the service
    /// hands out (web chat streams, files) are built from it, never from a request's Host header. Required outside
    /// Development and Testing; there an empty value means the request's own address.
    /// </summary>
    public string BaseUrl { get; set; } = string.Empty;

    /// <summary>Addresses of reverse proxies whose <c>X-Forwarded-For</c> and <c>X-Forwarded-Proto</c> are believed. None by default.</summary>
    public string[] KnownProxies { get; set; } = [];

    /// <summary>Networks of such proxies, in CIDR notation (<c>10.0.0.0/8</c>). None by default.</summary>
    public string[] KnownNetworks { get; set; } = [];

    /// <summary>How many trusted proxies a request passes through (the entries of <c>X-Forwarded-For</c> read from the right).</summary>
    [Range(1, 10)]
    public int ForwardLimit { get; set; } = 1;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (BaseUrl.Length > 0 && (!Uri.TryCreate(BaseUrl, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https") || url.Query.Length > 0 || url.Fragment.Length > 0))
        {
            yield return new ValidationResult($"PublicEndpoint:BaseUrl must be an absolute http or https address without query, e.g. https://chat.example.gov.cn; it is '{BaseUrl}'.", [nameof(BaseUrl)]);
        }

        foreach (var proxy in KnownProxies.Where(p => !IPAddress.TryParse(p, out _)))
        {
            yield return new ValidationResult($"PublicEndpoint:KnownProxies: '{proxy}' is not an IP address.", [nameof(KnownProxies)]);
        }

        foreach (var network in KnownNetworks.Where(n => !IPNetwork.TryParse(n, out _)))
        {
            yield return new ValidationResult($"PublicEndpoint:KnownNetworks: '{network}' is not a network in CIDR notation (e.g. 10.0.0.0/8).", [nameof(KnownNetworks)]);
        }
    }
}
