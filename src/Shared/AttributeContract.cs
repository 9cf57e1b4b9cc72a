namespace PodBinding.Shared;

/// <summary>
/// The runtime's attribute surface as the compiler extensions see it: metadata names, argument names and enum values of
/// <c>PodBinding.FromDownwardAttribute</c>, <c>PodBinding.DownwardBindingAttribute</c>, <c>PodBinding.FromApiAttribute</c>, <c>PodBinding.ApiPeersAttribute</c>, <c>PodBinding.DownwardSource</c>
/// and <c>PodBinding.WorkloadKind</c>. The generator and the code fixes cannot reference the runtime (netstandard2.0
/// compiler extensions), so this file is linked into both; a test pins every constant to the runtime's real names and
/// values.
/// </summary>
internal static class AttributeContract
{
    public const string Namespace = "PodBinding";
    public const string FromDownwardAttribute = Namespace + ".FromDownwardAttribute";
    public const string DownwardBindingAttribute = Namespace + ".DownwardBindingAttribute";
    public const string DownwardBindingAttributeName = "DownwardBindingAttribute";
    public const string DownwardSourceType = Namespace + ".DownwardSource";
    public const string KubernetesApiAttribute = Namespace + ".KubernetesApiAttribute";
    public const string KubernetesApiAttributeName = "KubernetesApiAttribute";
    public const string FromApiAttribute = Namespace + ".FromApiAttribute";
    public const string ApiPeersAttribute = Namespace + ".ApiPeersAttribute";

    /// <summary>What generated <c>[FromApi]</c> code references in PodBinding.Kubernetes (present only when the project references it).</summary>
    public static class KubernetesFacts
    {
        public const string Namespace = "PodBinding.Kubernetes.Facts";
        public const string BindingInterface = Namespace + ".IApiFactsBinding`1";
        public const string BindingInterfaceName = "IApiFactsBinding";
        public const string Facts = Namespace + ".ApiFacts";
        public const string Request = Namespace + ".ApiFactsRequest";
        public const string Kinds = Namespace + ".ApiFactKinds";
        public const string PeerPod = Namespace + ".PeerPod";
        public const string ContainerStatus = Namespace + ".ContainerStatusFacts";
        public const string WorkloadReference = "PodBinding.Kubernetes.Workloads.WorkloadReference";
    }

    /// <summary>Arguments of <c>[FromApi]</c>.</summary>
    public static class FromApi
    {
        /// <summary>The constructor parameter (the fact path).</summary>
        public const string Path = "path";
    }

    /// <summary>Named arguments of <c>[ApiPeers]</c>.</summary>
    public static class ApiPeers
    {
        public const string Selector = "Selector";
    }

    /// <summary>Named arguments of <c>[FromDownward]</c>; the positional one is the constructor parameter <see cref="Path"/>.</summary>
    public static class FromDownward
    {
        /// <summary>The constructor parameter (the field path).</summary>
        public const string Path = "path";
        public const string Source = "Source";
        public const string EnvVar = "EnvVar";
        public const string File = "File";
        public const string Divisor = "Divisor";
        public const string ContainerName = "ContainerName";
    }

    /// <summary>Named arguments of <c>[DownwardBinding]</c>.</summary>
    public static class DownwardBinding
    {
        public const string ContainerName = "ContainerName";
        public const string VolumeName = "VolumeName";
        public const string MountPath = "MountPath";
        public const string WorkloadKind = "WorkloadKind";
        public const string WorkloadName = "WorkloadName";
        public const string ManifestName = "ManifestName";
        public const string DefaultMode = "DefaultMode";
    }

    /// <summary><c>DownwardSource</c> members: values and names.</summary>
    public static class DownwardSource
    {
        public const int Auto = 0;
        public const int Environment = 1;
        public const int Volume = 2;
        public const string AutoName = "Auto";
        public const string EnvironmentName = "Environment";
        public const string VolumeName = "Volume";
    }

    /// <summary><c>WorkloadKind</c> members' values; their names and YAML are in the generator's <c>Catalog/WorkloadKinds</c>.</summary>
    public static class WorkloadKind
    {
        public const int None = 0;
        public const int Pod = 1;
        public const int Deployment = 2;
        public const int StatefulSet = 3;
        public const int DaemonSet = 4;
        public const int ReplicaSet = 5;
        public const int Job = 6;
        public const int CronJob = 7;
    }

    /// <summary>Arguments of <c>[KubernetesApi]</c>; the positional one is the <c>params</c> array <see cref="Modes"/>.</summary>
    public static class KubernetesApi
    {
        /// <summary>The constructor parameter.</summary>
        public const string Modes = "modes";
        public const string ServiceAccountName = "ServiceAccountName";
        public const string RunAsUser = "RunAsUser";
        public const long DefaultRunAsUser = 1654;
    }

    /// <summary><c>KubernetesApiMode</c> members' values.</summary>
    public static class KubernetesApiMode
    {
        public const int InCluster = 1;
        public const int Ambassador = 2;
        public const int AmbassadorUnixSocket = 3;
    }
}
