namespace PodBinding.Kubernetes;

/// <summary>How the app reaches the Kubernetes API server.</summary>
public enum KubernetesConnectionMode
{
    /// <summary>
    /// Try, in this order: <see cref="InCluster"/>, <see cref="Ambassador"/>, <see cref="Proxy"/>,
    /// <see cref="Kubeconfig"/>; the first that applies wins. None applying is an error, never a silent default.
    /// </summary>
    Auto,

    /// <summary>From inside a pod: the <c>kubernetes</c> Service (<c>KUBERNETES_SERVICE_HOST</c>/<c>PORT</c>) with the mounted service-account token and CA.</summary>
    InCluster,

    /// <summary>From a laptop through <c>kubectl proxy</c> (default <c>http://127.0.0.1:8001</c>): plain HTTP, kubectl adds the credentials.</summary>
    Proxy,

    /// <summary>From a pod through a sidecar running <c>kubectl proxy</c>, on localhost TCP or a Unix socket on a shared <c>emptyDir</c>.</summary>
    Ambassador,

    /// <summary>Straight to the cluster named by a kubeconfig file and context, with its credentials.</summary>
    Kubeconfig,
}
