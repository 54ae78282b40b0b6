using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Options;
using Xiaoshen.Knowledge;

namespace Xiaoshen.Bot.Hosting;

/// <summary>The certificate of <see cref="KeyRingOptions.CertificatePath"/>, which encrypts the key ring at rest.</summary>
internal static class KeyRingCertificate
{
    /// <summary>Why the configured certificate cannot encrypt the keys, for the operator; null when it can (or none is set).</summary>
    public static string? Problem(KeyRingOptions ring, KnowledgeOptions knowledge)
    {
        if (!ring.EncryptsKeys)
        {
            return null;
        }

        var path = WorkspacePaths.BesideContent(knowledge, ring.CertificatePath!);
        if (!File.Exists(path))
        {
            return $"DataProtection:CertificatePath ({path}) does not exist: give the certificate file that encrypts the key ring (relative paths are beside the content folder).";
        }

        try
        {
            using var certificate = Load(ring, knowledge);
            return certificate.GetRSAPrivateKey() is null
                ? $"DataProtection:CertificatePath ({path}) must be an RSA certificate with its private key: the key ring is encrypted for RSA key transport."
                : null;
        }
        catch (Exception e) when (e is CryptographicException or IOException or UnauthorizedAccessException or ArgumentException)
        {
            return $"DataProtection:CertificatePath ({path}) cannot be read as a certificate with its private key: {e.Message} "
                + "Give a PFX/PKCS#12 file (and DataProtection:CertificatePassword) or a PEM file holding the certificate and its key.";
        }
    }

    /// <summary>Loads the configured certificate; the caller owns it.</summary>
    public static X509Certificate2 Load(KeyRingOptions ring, KnowledgeOptions knowledge)
    {
        var path = WorkspacePaths.BesideContent(knowledge, ring.CertificatePath!);
        var password = string.IsNullOrEmpty(ring.CertificatePassword) ? null : ring.CertificatePassword;
        return Path.GetExtension(path).ToUpperInvariant() switch
        {
            ".PFX" or ".P12" => X509CertificateLoader.LoadPkcs12FromFile(path, password),
            _ when password is not null => X509Certificate2.CreateFromEncryptedPemFile(path, password),
            _ => X509Certificate2.CreateFromPemFile(path),
        };
    }
}

/// <summary>Refuses a start whose configured key-ring certificate cannot be used, saying why.</summary>
internal sealed class KeyRingCertificateValidation(IOptions<KnowledgeOptions> knowledge) : IValidateOptions<KeyRingOptions>
{
    public ValidateOptionsResult Validate(string? name, KeyRingOptions options) =>
        KeyRingCertificate.Problem(options, knowledge.Value) is { } problem ? ValidateOptionsResult.Fail(problem) : ValidateOptionsResult.Success;
}
