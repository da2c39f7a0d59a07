using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace RelayMesos.Mesos.Scheduler;

/// <summary>
/// Trusts a master's certificate when the system store does, or when it chains to one configured CA
/// (private clusters commonly use their own CA). Name mismatches are never forgiven.
/// </summary>
internal static class CaCertificateValidation
{
    public static RemoteCertificateValidationCallback Create(X509Certificate2 ca) =>
        (_, certificate, _, errors) =>
        {
            if (errors == SslPolicyErrors.None)
            {
                return true;
            }

            if (certificate is null || errors != SslPolicyErrors.RemoteCertificateChainErrors)
            {
                return false;
            }

            using var chain = new X509Chain();
            chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
            chain.ChainPolicy.CustomTrustStore.Add(ca);
            chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
            using var leaf = X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
            return chain.Build(leaf);
        };
}
