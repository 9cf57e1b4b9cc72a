namespace PodBinding;

/// <summary>
/// Which pods a class's <c>[FromApi("peers.…")]</c> members see: a label selector in the pod's namespace
/// (<c>app=shop</c>, <c>app=shop,tier in (web,api)</c>). Without it, the pod's own labels minus the per-pod ones
/// (<c>pod-template-hash</c>, <c>controller-revision-hash</c>, …).
/// </summary>
/// <example><c>[ApiPeers(Selector = "app=orders")]</c></example>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class ApiPeersAttribute : Attribute
{
    /// <summary>The label selector, in the syntax <c>kubectl get pods -l</c> takes.</summary>
    public string? Selector { get; set; }
}
