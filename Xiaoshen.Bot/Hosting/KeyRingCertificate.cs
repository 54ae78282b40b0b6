using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Options;
using Xiaoshen.Knowledge;

namespace Xiaoshen.Bot.Hosting;

/// <summary>
/// The certificates of <see cref="KeyRingOptions"/>: the current one encrypts new keys of the ring at rest; it and the
/// previous one (kept after a rotation) decrypt the stored keys.
/// </summary>
internal static class KeyRingCertificate
{
    /// <summary>
    /// Reads the configured certificates once, the current one first (the caller owns them), with why any cannot serve
    /// the key ring, one reason each for the operator; no certificates are returned when there is a reason.
    /// </summary>
    public static (List<X509Certificate2> Certificates, List<string> Problems) Read(KeyRingOptions ring, KnowledgeOptions knowledge)
    {
        var (certificates, problems) = (new List<X509Certificate2>(), new List<string>());
        if (!ring.EncryptsKeys && !string.IsNullOrWhiteSpace(ring.PreviousCertificatePath))
        {
            problems.Add("DataProtection:PreviousCertificatePath is set without DataProtection:CertificatePath: the previous certificate only reads keys "
                + "written before a rotation; set the new certificate as DataProtection:CertificatePath.");
        }

        foreach (var configured in Configured(ring, knowledge))
        {
            if (Read(configured, out var problem) is { } certificate)
            {
                certificates.Add(certificate);
            }
            else
            {
                problems.Add(problem!);
            }
        }

        if (problems.Count > 0)
        {
            certificates.ForEach(c => c.Dispose());
            certificates.Clear();
        }

        return (certificates, problems);
    }

    // The current certificate and the previous one, with the setting that names each and its password.
    private static IEnumerable<(string Setting, string Path, string? Password)> Configured(KeyRingOptions ring, KnowledgeOptions knowledge)
    {
        if (!ring.EncryptsKeys)
        {
            yield break;
        }

        yield return ("DataProtection:CertificatePath", WorkspacePaths.BesideContent(knowledge, ring.CertificatePath!), PasswordOrNull(ring.CertificatePassword));
        if (!string.IsNullOrWhiteSpace(ring.PreviousCertificatePath))
        {
            yield return ("DataProtection:PreviousCertificatePath", WorkspacePaths.BesideContent(knowledge, ring.PreviousCertificatePath), PasswordOrNull(ring.PreviousCertificatePassword));
        }
    }

    // The certificate, or null and why it cannot encrypt the key ring.
    private static X509Certificate2? Read((string Setting, string Path, string? Password) configured, out string? problem)
    {
        var (setting, path, password) = configured;
        problem = null;
        if (!File.Exists(path))
        {
            problem = $"{setting} ({path}) does not exist: give the certificate file that encrypts the key ring (relative paths are beside the content folder).";
            return null;
        }

        try
        {
            var certificate = Load(path, password);
            if (certificate.GetRSAPrivateKey() is not null)
            {
                return certificate;
            }

            certificate.Dispose();
            problem = $"{setting} ({path}) must be an RSA certificate with its private key: the key ring is encrypted for RSA key transport.";
        }
        catch (Exception e) when (e is CryptographicException or IOException or UnauthorizedAccessException or ArgumentException)
        {
            problem = $"{setting} ({path}) cannot be read as a certificate with its private key: {e.Message} "
                + "Give a PFX/PKCS#12 file (and its password) or a PEM file holding the certificate and its key.";
        }

        return null;
    }

    private static X509Certificate2 Load(string path, string? password) => Path.GetExtension(path).ToUpperInvariant() switch
    {
        ".PFX" or ".P12" => X509CertificateLoader.LoadPkcs12FromFile(path, password),
        _ when password is not null => X509Certificate2.CreateFromEncryptedPemFile(path, password),
        _ => X509Certificate2.CreateFromPemFile(path),
    };

    private static string? PasswordOrNull(string? password) => string.IsNullOrEmpty(password) ? null : password;
}

/// <summary>Refuses a start whose configured key-ring certificates cannot be used, saying why (read once, at registration).</summary>
internal sealed class KeyRingCertificateValidation(List<string> problems) : IValidateOptions<KeyRingOptions>
{
    public ValidateOptionsResult Validate(string? name, KeyRingOptions options) =>
        problems.Count > 0 ? ValidateOptionsResult.Fail(problems) : ValidateOptionsResult.Success;
}
