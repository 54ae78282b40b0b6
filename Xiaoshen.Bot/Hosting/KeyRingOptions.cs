using System.ComponentModel.DataAnnotations;

namespace Xiaoshen.Bot.Hosting;

/// <summary>Where ASP.NET Core Data Protection keeps its keys (console sign-in cookies, antiforgery tokens). Bound from <c>DataProtection</c>.</summary>
public sealed class KeyRingOptions
{
    public const string SectionName = "DataProtection";

    /// <summary>The key folder, relative to the folder holding the content (like the database); private to the service's user.</summary>
    [Required]
    public string KeysPath { get; set; } = Path.Combine("data", "keys");

    /// <summary>
    /// An RSA certificate with its private key (PFX/PKCS#12, or PEM holding both) that encrypts the keys at rest, in the
    /// key folder or in Redis; relative to the folder holding the content. Empty: the keys are stored in clear, which
    /// several nodes in Production refuse (their ring is in Redis, out of the file system's protection).
    /// </summary>
    public string? CertificatePath { get; set; }

    /// <summary>The password of the PFX file or of the PEM's encrypted private key (a secret: an environment variable).</summary>
    public string? CertificatePassword { get; set; }

    /// <summary>
    /// The certificate <see cref="CertificatePath"/> replaced: it only decrypts the keys written before the rotation. Keep
    /// it for the keys' lifetime (90 days), or agents sign in again and messages being taken lose their call-back number.
    /// </summary>
    public string? PreviousCertificatePath { get; set; }

    /// <summary>The password of <see cref="PreviousCertificatePath"/>.</summary>
    public string? PreviousCertificatePassword { get; set; }

    /// <summary>True when the keys are to be encrypted with a certificate.</summary>
    public bool EncryptsKeys => !string.IsNullOrWhiteSpace(CertificatePath);
}
