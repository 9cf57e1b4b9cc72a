using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace PodBinding.Kubernetes.Extensions;

/// <summary>
/// Healthy when a SelfSubjectReview succeeds (endpoint, CA and token all work); Degraded when it succeeds but the last
/// credential reload kept an old token or CA; Unhealthy with the connection's actionable message otherwise.
/// Needs no RBAC grant, so a missing permission elsewhere never fails liveness.
/// </summary>
internal sealed class KubernetesConnectionHealthCheck(IServiceProvider services) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        KubernetesConnection connection;
        try
        {
            connection = (KubernetesConnection)services.GetService(typeof(KubernetesConnection))!;
        }
        catch (KubernetesConnectionException e)
        {
            return HealthCheckResult.Unhealthy(e.Message);
        }

        var data = new Dictionary<string, object>(StringComparer.Ordinal)
        {
            ["mode"] = connection.Mode.ToString(),
            ["endpoint"] = connection.Endpoint,
        };
        try
        {
            KubernetesIdentity me = await connection.WhoAmIAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            data["user"] = me.UserName;
        }
        catch (KubernetesConnectionException e)
        {
            return HealthCheckResult.Unhealthy(e.Message, data: data);
        }

        return connection.CredentialsProblem is { } problem
            ? HealthCheckResult.Degraded(problem, data: data)
            : HealthCheckResult.Healthy($"{connection.Mode} at {connection.Endpoint} as {data["user"]}", data);
    }
}
