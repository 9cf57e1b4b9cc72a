using PodBinding.Shared;

namespace PodBinding.Kubernetes.Tests;

/// <summary>The generated [KubernetesApi] YAML sets exactly the variables, endpoints and folder the connection reads.</summary>
public sealed class KubernetesApiContractTests
{
    [Fact]
    public void TheYamlsNames_AreTheConnectionsDefaults()
    {
        var options = new KubernetesConnectionOptions();
        Assert.Equal(KubernetesApiContract.ModeVariable, options.ModeVariable);
        Assert.Equal(KubernetesApiContract.AmbassadorVariable, options.AmbassadorVariable);
        Assert.Equal(new Uri(KubernetesApiContract.AmbassadorTcpUri), options.AmbassadorUri);
        Assert.Equal(KubernetesApiContract.AmbassadorPort, options.AmbassadorUri.Port);
        Assert.Equal(KubernetesApiContract.ServiceAccountDirectory, KubernetesConnectionOptions.DefaultServiceAccountDirectory);
        Assert.Equal(KubernetesApiContract.InClusterMode, nameof(KubernetesConnectionMode.InCluster));
        Assert.Equal(KubernetesApiContract.AmbassadorMode, nameof(KubernetesConnectionMode.Ambassador));
    }

    [Fact]
    public void TheSocketVariant_IsAnAmbassadorEndpointTheConnectionAccepts()
    {
        // The generated env value, through the connection's own parsing: Ambassador mode, dialling the socket path.
        var options = new KubernetesConnectionOptions
        {
            Mode = KubernetesConnectionMode.Ambassador,
            GetEnvironmentVariable = name => name == KubernetesApiContract.AmbassadorVariable ? KubernetesApiContract.AmbassadorSocketUri : null,
        };
        using KubernetesConnection connection = KubernetesConnection.Connect(options);
        Assert.Equal(KubernetesConnectionMode.Ambassador, connection.Mode);
        Assert.Equal(KubernetesApiContract.AmbassadorSocketUri, connection.Endpoint);
        Assert.StartsWith(KubernetesApiContract.SocketDirectory + "/", KubernetesApiContract.SocketPath, StringComparison.Ordinal);
    }
}
