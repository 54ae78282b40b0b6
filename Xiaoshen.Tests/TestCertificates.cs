using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Xiaoshen.Tests;

/// <summary>Self-signed certificates written as an operator would give them to the service.</summary>
internal static class TestCertificates
{
    /// <summary>Writes a new self-signed RSA certificate with its private key as a PFX file protected by <paramref name="password"/>.</summary>
    public static string WritePfx(string folder, string password) =>
        Write(folder, ".pfx", (certificate, _) => certificate.Export(X509ContentType.Pfx, password));

    /// <summary>Writes a new self-signed RSA certificate and its unencrypted private key in one PEM file.</summary>
    public static string WritePem(string folder) =>
        Write(folder, ".pem", (certificate, key) => System.Text.Encoding.ASCII.GetBytes(certificate.ExportCertificatePem() + "\n" + key.ExportPkcs8PrivateKeyPem()));

    private static string Write(string folder, string extension, Func<X509Certificate2, RSA, byte[]> export)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=xiaoshen-key-ring", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, "key-ring-" + Guid.NewGuid().ToString("N")[..8] + extension);
        File.WriteAllBytes(path, export(certificate, key));
        return path;
    }
}
