namespace PodBinding.Analyzers.Tests.Support;

/// <summary>YAML shared by the manifest tests. Line numbers in expectations refer to these texts.</summary>
internal static class ManifestYaml
{
    /// <summary>A Deployment whose container sets env vars from a label, an annotation, stable fields and resources.</summary>
    public const string Deployment = """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: orders
        spec:
          template:
            spec:
              containers:
              - name: orders
                env:
                - name: POD_TIER
                  valueFrom:
                    fieldRef:
                      fieldPath: metadata.labels['tier']
                - name: POD_NAME
                  valueFrom:
                    fieldRef:
                      fieldPath: metadata.name
                - name: MEMORY_LIMIT_MI
                  valueFrom:
                    resourceFieldRef:
                      resource: limits.memory
                      divisor: 1Mi
                - name: SCRATCH
                  valueFrom:
                    resourceFieldRef:
                      resource: limits.ephemeral-storage
                - name: OWNER
                  valueFrom:
                    fieldRef:
                      fieldPath: metadata.annotations['owner']
                - name: Orders__Tier
                  valueFrom:
                    fieldRef:
                      fieldPath: metadata.labels['tier']
                - name: GREETING
                  value: hello

        """;
}
