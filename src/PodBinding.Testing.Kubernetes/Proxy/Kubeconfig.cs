using System.Text;

namespace PodBinding.Testing.Kubernetes.Proxy;

/// <summary>A minimal kubeconfig: one cluster (https server, CA data), one token user, one current context.</summary>
public static class Kubeconfig
{
    /// <summary>The kubeconfig YAML for <paramref name="server"/> trusting <paramref name="caBundlePem"/> with <paramref name="token"/>.</summary>
    public static string Render(Uri server, string caBundlePem, string token, string @namespace = "default")
    {
        ArgumentNullException.ThrowIfNull(server);
        string ca = Convert.ToBase64String(Encoding.UTF8.GetBytes(caBundlePem));
        return $"""
            apiVersion: v1
            kind: Config
            clusters:
            - name: test
              cluster:
                server: "{server.GetLeftPart(UriPartial.Authority)}"
                certificate-authority-data: {ca}
            users:
            - name: test
              user:
                token: "{token}"
            contexts:
            - name: test
              context:
                cluster: test
                user: test
                namespace: "{@namespace}"
            current-context: test
            """;
    }
}
