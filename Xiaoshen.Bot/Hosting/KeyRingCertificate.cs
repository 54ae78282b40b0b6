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
    /// <summary>Why the configured certificates cannot serve the key ring, one reason each, for the operator; none when they can.</summary>
    public static IEnumerable<string> Problems(KeyRingOptions ring, KnowledgeOptions knowledge)
    {
        if (!ring.EncryptsKeys && !string.IsNullOrWhiteSpace(ring.PreviousCertificatePath))
        {
            yield return "DataProtection:PreviousCertificatePath is set without DataProtection:CertificatePath: the previous certificate only reads keys "
                + "written before a rotation; set the new certificate as DataProtection:CertificatePath.";
        }

        foreach (var certificate in Configured(ring, knowledge))
        {
            if (Problem(certificate) is { } problem)
            {
                yield return problem;
            }
        }
    }

    /// <summary>Loads the configured certificates, the current one first; the caller owns them.</summary>
    public static List<X509Certificate2> Load(KeyRingOptions ring, KnowledgeOptions knowledge) =>
        [.. Configured(ring, knowledge).Select(c => Load(c.Path, c.Password))];

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

    private static string? Problem((string Setting, string Path, string? Password) certificate)
    {
        var (setting, path, password) = certificate;
        if (!File.Exists(path))
        {
            return $"{setting} ({path}) does not exist: give the certificate file that encrypts the key ring (relative paths are beside the content folder).";
        }

        try
        {
            using var loaded = Load(path, password);
            return loaded.GetRSAPrivateKey() is null
                ? $"{setting} ({path}) must be an RSA certificate with its private key: the key ring is encrypted for RSA key transport."
                : null;
        }
        catch (Exception e) when (e is CryptographicException or IOException or UnauthorizedAccessException or ArgumentException)
        {
            return $"{setting} ({path}) cannot be read as a certificate with its private key: {e.Message} "
                + "Give a PFX/PKCS#12 file (and its password) or a PEM file holding the certificate and its key.";
        }
    }

    private static X509Certificate2 Load(string path, string? password) => Path.GetExtension(path).ToUpperInvariant() switch
    {
        ".PFX" or ".P12" => X509CertificateLoader.LoadPkcs12FromFile(path, password),
        _ when password is not null => X509Certificate2.CreateFromEncryptedPemFile(path, password),
        _ => X509Certificate2.CreateFromPemFile(path),
    };

    private static string? PasswordOrNull(string? password) => string.IsNullOrEmpty(password) ? null : password;
}

/// <summary>Refuses a start whose configured key-ring certificates cannot be used, saying why.</summary>
internal sealed class KeyRingCertificateValidation(IOptions<KnowledgeOptions> knowledge) : IValidateOptions<KeyRingOptions>
{
    public ValidateOptionsResult Validate(string? name, KeyRingOptions options) =>
        KeyRingCertificate.Problems(options, knowledge.Value).ToList() is { Count: > 0 } problems ? ValidateOptionsResult.Fail(problems) : ValidateOptionsResult.Success;
}
