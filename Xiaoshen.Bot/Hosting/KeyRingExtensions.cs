using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.AspNetCore.DataProtection.StackExchangeRedis;
using Microsoft.Extensions.Options;
using Xiaoshen.Bot.Cluster;
using Xiaoshen.Knowledge;

namespace Xiaoshen.Bot.Hosting;

/// <summary>
/// Keeps the Data Protection key ring in the data folder, so console sign-ins and antiforgery tokens survive a restart
/// and a new release (the default is the user's home folder, which a container loses, and an application name taken
/// from the install folder, which a new release changes). With Redis configured the ring is in Redis instead, shared by
/// every node: a console cookie or a protected dialog state written on one node is read on another. With a certificate
/// configured every key is stored encrypted with it; several nodes outside Development and Testing refuse to start
/// without one, since whoever reads their Redis could otherwise forge any console session. Keys stored in clear before
/// the certificate was set are revoked at start (<see cref="ClearKeyRevocation"/>).
/// </summary>
internal static class KeyRingExtensions
{
    public const string ApplicationName = "Xiaoshen";
    public const string RedisKey = "data-protection-keys";

    public static IHostApplicationBuilder AddKeyRing(this IHostApplicationBuilder builder)
    {
        var severalNodes = builder.UsesRedis();
        var local = builder.Environment.IsDevelopmentOrTesting();
        builder.Services.AddOptions<KeyRingOptions>()
            .BindConfiguration(KeyRingOptions.SectionName)
            .ValidateDataAnnotations()
            .Validate(
                o => local || !severalNodes || o.EncryptsKeys,
                "DataProtection:CertificatePath is not set but Redis:Configuration is: the key ring that signs console sign-ins would be "
                + "stored in Redis in clear, and whoever can read Redis could forge an administrator's session. Set DataProtection:CertificatePath "
                + "(an RSA certificate with its private key, PFX or PEM, the same file on every node) and DataProtection:CertificatePassword.")
            .ValidateOnStart();
        builder.Services.AddDataProtection().SetApplicationName(ApplicationName);
        if (severalNodes)
        {
            builder.Services.AddOptions<KeyManagementOptions>().Configure<RedisStore>((keys, redis) =>
                keys.XmlRepository = new RedisXmlRepository(() => redis.Database, redis.Key(RedisKey)));
        }
        else
        {
            builder.Services.AddOptions<KeyManagementOptions>().Configure<IOptions<KnowledgeOptions>, IOptions<KeyRingOptions>, ILoggerFactory>((keys, knowledge, ring, loggers) =>
                keys.XmlRepository = new FileSystemXmlRepository(PrivateFiles.Folder(WorkspacePaths.BesideContent(knowledge.Value, ring.Value.KeysPath)), loggers));
        }

        // New keys are encrypted with the current certificate; stored ones are decrypted with it or the previous one, without
        // the machine's certificate store. Certificates that cannot be used are not used: the options' validation refuses the
        // start with why.
        var ring = builder.Configuration.GetSection(KeyRingOptions.SectionName).Get<KeyRingOptions>() ?? new KeyRingOptions();
        var knowledge = builder.Configuration.GetSection(KnowledgeOptions.SectionName).Get<KnowledgeOptions>() ?? new KnowledgeOptions();
        WorkspacePaths.Resolve(knowledge);
        var (certificates, problems) = KeyRingCertificate.Read(ring, knowledge);
        builder.Services.AddSingleton<IValidateOptions<KeyRingOptions>>(new KeyRingCertificateValidation(problems));
        if (certificates.Count > 0)
        {
            builder.Services.AddDataProtection().ProtectKeysWithCertificate(certificates[0]).UnprotectKeysWithAnyCertificate([.. certificates]);

            // First of the hosted services: Data Protection's own one loads the key ring at start, and a ring loaded
            // before the revocation would go on accepting the revoked keys until its refresh.
            builder.Services.Insert(0, ServiceDescriptor.Singleton<IHostedService, ClearKeyRevocation>());
        }

        return builder;
    }
}
