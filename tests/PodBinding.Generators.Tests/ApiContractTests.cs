using System.Reflection;
using Microsoft.CodeAnalysis;
using PodBinding.Generators.Tests.Helpers;
using PodBinding.Shared;

namespace PodBinding.Generators.Tests;

/// <summary>
/// The <c>[FromApi]</c> half of the contract: attribute names pinned to the runtime, and the PodBinding.Kubernetes type
/// names and <c>ApiFactKinds</c> values pinned to that assembly's real metadata (read through a compilation: the test
/// project cannot reference it beside KubernetesClient).
/// </summary>
public sealed class ApiContractTests
{
    [Fact]
    public void FromApiAndApiPeers_AreTheRuntimeAttributes()
    {
        Assert.Equal(AttributeContract.FromApiAttribute, typeof(FromApiAttribute).FullName);
        Assert.Equal(AttributeContract.ApiPeersAttribute, typeof(ApiPeersAttribute).FullName);
        ParameterInfo path = Assert.Single(Assert.Single(typeof(FromApiAttribute).GetConstructors()).GetParameters());
        Assert.Equal(AttributeContract.FromApi.Path, path.Name);
        Assert.DoesNotContain(typeof(FromApiAttribute).GetProperties(), p => p.CanWrite);
        Assert.Equal(new[] { AttributeContract.ApiPeers.Selector }, typeof(ApiPeersAttribute).GetProperties().Where(p => p.CanWrite).Select(p => p.Name));
    }

    [Fact]
    public void KubernetesFactsNames_AreTypesOfPodBindingKubernetes()
    {
        Compilation compilation = TestCompilation.CreateWithKubernetes("");
        foreach (string name in new[]
        {
            AttributeContract.KubernetesFacts.BindingInterface, AttributeContract.KubernetesFacts.Facts, AttributeContract.KubernetesFacts.Request,
            AttributeContract.KubernetesFacts.Kinds, AttributeContract.KubernetesFacts.PeerPod, AttributeContract.KubernetesFacts.ContainerStatus,
            AttributeContract.KubernetesFacts.WorkloadReference,
        })
        {
            Assert.True(compilation.GetTypeByMetadataName(name) is not null, $"PodBinding.Kubernetes has no type {name}");
        }

        Assert.Equal(AttributeContract.KubernetesFacts.BindingInterfaceName, compilation.GetTypeByMetadataName(AttributeContract.KubernetesFacts.BindingInterface)!.Name);
        Assert.Null(TestCompilation.Create("").GetTypeByMetadataName(AttributeContract.KubernetesFacts.BindingInterface));
    }

    [Fact]
    public void AccessContractKinds_AreTheApiFactKindsValues()
    {
        INamedTypeSymbol kinds = TestCompilation.CreateWithKubernetes("").GetTypeByMetadataName(AttributeContract.KubernetesFacts.Kinds)!;
        var values = kinds.GetMembers().OfType<IFieldSymbol>().Where(f => f.HasConstantValue).ToDictionary(f => f.Name, f => (int)f.ConstantValue!);
        Assert.Equal(
            new Dictionary<string, int>
            {
                ["None"] = 0, ["PodStatus"] = ApiAccessContract.PodStatus, ["Node"] = ApiAccessContract.Node,
                ["Owner"] = ApiAccessContract.Owner, ["Peers"] = ApiAccessContract.Peers,
            },
            values);
    }
}
