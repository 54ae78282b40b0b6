using System.Net;
using System.Net.Sockets;

namespace Xiaoshen.Bot.Hosting;

/// <summary>Who a request comes from, for limits per client: its address after trusted proxies (see <see cref="PublicEndpointExtensions"/>).</summary>
internal static class ClientAddress
{
    /// <summary>
    /// The client's IPv4 address, or the /64 network of an IPv6 one: a subscriber is usually given a whole /64, so single
    /// IPv6 addresses would let one client count as many.
    /// </summary>
    public static string Of(HttpContext http)
    {
        var address = http.Connection.RemoteIpAddress;
        if (address is null)
        {
            return "unknown";
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }

        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }
}
