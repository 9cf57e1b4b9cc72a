#!/usr/bin/env bash
# Build wall time of a 2,000-file project with 200 bound classes, with PodBinding's compiler extensions and without
# (the same package reference with PodBindingAnalyzers=false), and with the floor generator instead of PodBinding's
# (the benchmarks' FloorPerClassGenerator: PodBinding's ForAttributeWithMetadataName query, one comment-only file per
# bound class; the floor for a generator with that query shape). The three alternate, so all see the same load.
# Two compiler setups: a warm compiler server (shared compilation, three warm-up builds of each variant first) and a
# fresh compiler per build (UseSharedCompilation=false). Every timed build recompiles (--no-incremental, no restore).
# The order rotates over the three variants, so a multiple of 3 builds puts each first equally often.
#
#   tests/PodBinding.Benchmarks/build-time.sh [builds per variant, default 5; 0 only sets the project up] [work dir]
#
# The work dir defaults to a new temp dir; its path must hold no spaces (compile-parts.sh splits command lines).
#
# Prints one line per build (with the load average) and the medians and their ratios per setup.
#
# PLAIN_KIND=service makes each of the 1,800 plain files a small service class (a record, LINQ, async, string formatting;
# ~60 lines) instead of the default four-member class, for a baseline closer to an application's own code: the
# overhead PodBinding adds is the same in both, the ratio depends on what else the project compiles.
#
# REPORT_ANALYZER=1 instead measures the analyzers' share as the compiler reports it (-p:ReportAnalyzer=true, a fresh
# compiler per build): PodBinding's analyzer execution time against the Csc task's time, per build and as medians. The
# project then also carries 50 manifests (Deployments setting env vars from labels, some mounted through subPath) and
# files reading those env vars, so the manifest analyzers (PB0202, PB0203) do their work.
set -euo pipefail

BUILDS="${1:-5}"
WORK="${2:-$(mktemp -d /tmp/podbinding-build-time.XXXXXX)}"
REPO="$(cd "$(dirname "$0")/../.." && pwd)"
# shellcheck source=timing.sh
source "$REPO/tests/PodBinding.Benchmarks/timing.sh"
CLASSES=200
PLAIN=1800   # + 200 bound classes = 2,000 files
case "$WORK" in *' '*) echo "The work dir '$WORK' holds a space: choose one without." >&2; exit 1 ;; esac

mkdir -p "$WORK/feed" "$WORK/packages" "$WORK/app" "$WORK/floor"
WORK="$(cd "$WORK" && pwd)"   # absolute: the script changes directory, and App.csproj names the floor's DLL by path
ROSLYN="$(sed -nE 's/.*"Microsoft.CodeAnalysis.CSharp" Version="([^"]+)".*/\1/p' "$REPO/Directory.Packages.props")"
[ -n "$ROSLYN" ] || { echo "No Microsoft.CodeAnalysis.CSharp version in $REPO/Directory.Packages.props." >&2; exit 1; }
echo "Building the floor generator in $WORK/floor"
cat > "$WORK/floor/FloorGenerator.csproj" <<XML
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <TargetFramework>netstandard2.0</TargetFramework>
    <LangVersion>latest</LangVersion>
    <ImplicitUsings>enable</ImplicitUsings>
    <Nullable>enable</Nullable>
    <EnforceExtendedAnalyzerRules>true</EnforceExtendedAnalyzerRules>
  </PropertyGroup>
  <ItemGroup>
    <Compile Include="$REPO/tests/PodBinding.Benchmarks/Generators/FloorGenerator.cs" />
    <!-- The generator's own Roslyn floor, so the SDK's compiler (newer) loads it. -->
    <PackageReference Include="Microsoft.CodeAnalysis.CSharp" Version="$ROSLYN" PrivateAssets="all" />
  </ItemGroup>
</Project>
XML
# The benchmarks instantiate the floor directly; a compiler only runs a type marked [Generator].
cat > "$WORK/floor/Entry.cs" <<CS
using Microsoft.CodeAnalysis;

[Generator(LanguageNames.CSharp)]
public sealed class BuildFloorGenerator : IIncrementalGenerator
{
    public void Initialize(IncrementalGeneratorInitializationContext context) =>
        new PodBinding.Benchmarks.Generators.FloorPerClassGenerator().Initialize(context);
}
CS
cp "$REPO/nuget.config" "$WORK/floor/nuget.config"
dotnet build "$WORK/floor/FloorGenerator.csproj" -c Release -o "$WORK/floor/bin" -nologo -v:q > "$WORK/floor/build.log" ||
  { echo "The floor generator did not build: see $WORK/floor/build.log" >&2; exit 1; }
echo "Packing PodBinding into $WORK/feed"
dotnet pack "$REPO/src/PodBinding/PodBinding.csproj" -c Release -o "$WORK/feed" -nologo -v:q >/dev/null
VERSION="$(basename "$(ls "$WORK"/feed/PodBinding.*.nupkg | head -1)" .nupkg)"; VERSION="${VERSION#PodBinding.}"

cd "$WORK/app"
cat > nuget.config <<XML
<configuration>
  <config><add key="globalPackagesFolder" value="$WORK/packages" /></config>
  <packageSources><add key="podbinding-local" value="$WORK/feed" /></packageSources>
</configuration>
XML
cat > App.csproj <<XML
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <OutputType>Exe</OutputType>
    <TargetFramework>net10.0</TargetFramework>
    <Nullable>enable</Nullable>
    <ImplicitUsings>enable</ImplicitUsings>
  </PropertyGroup>
  <ItemGroup><PackageReference Include="PodBinding" Version="$VERSION" /></ItemGroup>
  <ItemGroup Condition="'\$(FloorGenerator)' == 'true'"><Analyzer Include="$WORK/floor/bin/FloorGenerator.dll" /></ItemGroup>
</Project>
XML
mkdir -p Plain Pods
for i in $(seq 0 $((PLAIN - 1))); do
  if [ "${PLAIN_KIND:-}" = service ]; then
  cat > "Plain/Plain$i.cs" <<CS
namespace App.Plain;

public sealed record Order$i(Guid Id, string Customer, decimal Total, DateTimeOffset PlacedAt, IReadOnlyList<string> Lines);

public interface IOrderStore$i
{
    Task<IReadOnlyList<Order$i>> ListAsync(string customer, CancellationToken cancellationToken);
    Task SaveAsync(Order$i order, CancellationToken cancellationToken);
}

public sealed class OrderService$i(IOrderStore$i store, TimeProvider clock)
{
    private readonly Dictionary<string, decimal> _discounts = new(StringComparer.OrdinalIgnoreCase) { ["gold"] = 0.1m, ["silver"] = 0.05m };

    public async Task<decimal> TotalForAsync(string customer, CancellationToken cancellationToken = default)
    {
        IReadOnlyList<Order$i> orders = await store.ListAsync(customer, cancellationToken).ConfigureAwait(false);
        return orders.Where(o => o.PlacedAt > clock.GetUtcNow().AddDays(-30)).Sum(o => o.Total);
    }

    public async Task<Order$i> PlaceAsync(string customer, string tier, IEnumerable<(string Sku, decimal Price, int Quantity)> lines, CancellationToken cancellationToken = default)
    {
        var items = lines.ToList();
        if (items.Count == 0)
        {
            throw new ArgumentException(\$"An order for {customer} needs at least one line.", nameof(lines));
        }

        decimal total = items.Sum(l => l.Price * l.Quantity);
        if (_discounts.TryGetValue(tier, out decimal discount))
        {
            total -= Math.Round(total * discount, 2, MidpointRounding.ToEven);
        }

        var order = new Order$i(Guid.NewGuid(), customer, total, clock.GetUtcNow(), items.Select(l => \$"{l.Quantity} x {l.Sku} @ {l.Price:F2}").ToArray());
        await store.SaveAsync(order, cancellationToken).ConfigureAwait(false);
        return order;
    }

    public static string Describe(Order$i order) => order switch
    {
        { Total: > 1000m } => \$"large order {order.Id:N} for {order.Customer}",
        { Lines.Count: 1 } => \$"single-line order for {order.Customer}: {order.Lines[0]}",
        _ => \$"order of {order.Lines.Count} lines for {order.Customer}, {order.Total:C}",
    };

    public IEnumerable<IGrouping<string, Order$i>> ByCustomer(IEnumerable<Order$i> orders) =>
        orders.OrderByDescending(o => o.PlacedAt).GroupBy(o => o.Customer, StringComparer.Ordinal);
}
CS
  continue
  fi
  cat > "Plain/Plain$i.cs" <<CS
namespace App.Plain;

public sealed class Plain$i
{
    private readonly int _seed = $i;

    public int Value { get; set; }

    public int M(int x) => x * _seed + Value;

    public override string ToString() => "Plain$i:" + Value.ToString();
}
CS
done
for i in $(seq 0 $((CLASSES - 1))); do
  cat > "Pods/PodInfo$i.cs" <<CS
using System.Net;
using PodBinding;

namespace App.Pods;

[DownwardBinding(ContainerName = "app$i", WorkloadKind = WorkloadKind.Deployment, WorkloadName = "app$i")]
public sealed partial class PodInfo$i
{
    [FromDownward("metadata.name")] public required string Name { get; init; }
    [FromDownward("metadata.namespace")] public required string Namespace { get; init; }
    [FromDownward("metadata.uid")] public required Guid Uid { get; init; }
    [FromDownward("metadata.labels")] public required IReadOnlyDictionary<string, string> Labels { get; init; }
    [FromDownward("metadata.annotations")] public required IReadOnlyDictionary<string, string> Annotations { get; init; }
    [FromDownward("metadata.labels['app.kubernetes.io/version']")] public string? Version { get; init; }
    [FromDownward("status.podIP")] public required IPAddress PodIP { get; init; }
    [FromDownward("status.podIPs")] public required IReadOnlyList<IPAddress> PodIPs { get; init; }
    [FromDownward("limits.memory", Divisor = "1Mi")] public required long MemoryLimitMi { get; init; }
    [FromDownward("requests.cpu", Divisor = "1m")] public required int CpuRequestMillicores { get; init; }
}
CS
done
echo 'System.Console.WriteLine("built");' > Program.cs
if [ "${REPORT_ANALYZER:-}" = 1 ]; then
  for i in $(seq 0 49); do
    mkdir -p "deploy/apps/app$i"
    mount_extra=""; [ $((i % 10)) = 0 ] && mount_extra=$'\n        - name: podinfo\n          mountPath: /etc/labels\n          subPath: labels'
    cat > "deploy/apps/app$i/deployment.yaml" <<YAML
apiVersion: apps/v1
kind: Deployment
metadata:
  name: app$i
spec:
  template:
    spec:
      containers:
      - name: app$i
        image: shop/app$i:1.0
        env:
        - name: APP${i}_TIER
          valueFrom:
            fieldRef:
              fieldPath: metadata.labels['tier']
        volumeMounts:
        - name: podinfo
          mountPath: /etc/podinfo$mount_extra
      volumes:
      - name: podinfo
        downwardAPI:
          items:
          - path: labels
            fieldRef:
              fieldPath: metadata.labels
YAML
  done
  for i in $(seq 0 89); do
    echo "namespace App.Plain; public static class Reader$i { public static string? Tier() => System.Environment.GetEnvironmentVariable(\"APP$((i % 50))_TIER\"); }" > "Plain/Reader$i.cs"
  done
fi
dotnet restore -nologo -v:q >/dev/null
[ "$BUILDS" = 0 ] && exit 0   # only set the project up (compile-parts.sh times its parts)

build() { # $1 = shared compilation true/false, $2 = with | without | floor; prints seconds
  local start end analyzers floor
  analyzers=$([ "$2" = with ] && echo true || echo false); floor=$([ "$2" = floor ] && echo true || echo false)
  start=$(date +%s.%N)
  dotnet build --no-restore --no-incremental -nologo -v:q -nodeReuse:false -p:UseSharedCompilation="$1" -p:PodBindingAnalyzers="$analyzers" -p:FloorGenerator="$floor" >/dev/null
  end=$(date +%s.%N)
  echo "$end - $start" | bc
}

if [ "${REPORT_ANALYZER:-}" = 1 ]; then
  : > "$WORK/share.txt"
  for n in $(seq 1 "$BUILDS"); do
    log="$WORK/report$n.log"
    dotnet build --no-restore --no-incremental -nologo -v:d -nodeReuse:false -clp:PerformanceSummary -p:UseSharedCompilation=false -p:ReportAnalyzer=true > "$log"
    # The compiler prints each analyzer assembly's total ("<seconds>  <percent>  PodBinding.Generators, Version=…") and
    # the Csc task's own time is in the performance summary ("<ms> ms  Csc  1 calls").
    analyzers=$(grep -E '^\s+[0-9.<]+\s+[0-9<]+\s+PodBinding\.Generators, Version' "$log" | head -1 | awk '{print $1}' | tr -d '<')
    csc=$(grep -E '^\s+[0-9]+ ms\s+Csc\s' "$log" | head -1 | awk '{print $1 / 1000}')
    share=$(echo "100 * $analyzers / $csc" | bc -l)
    echo "$share" >> "$WORK/share.txt"
    printf 'build %d | PodBinding analyzers %.3f s | Csc %.2f s | share %.2f %% | load %s\n' "$n" "$analyzers" "$csc" "$share" "$(load)"
    grep -E '^\s+[0-9.<]+\s+[0-9<]+\s+PodBinding\.Generators\.Analyzers\.' "$log" | sed 's/^/    /' || true
  done
  printf 'median PodBinding analyzer share of Csc: %.2f %% over %d builds (budget 5 %%)\n' "$(median < "$WORK/share.txt")" "$BUILDS"
  exit 0
fi

for shared in true false; do
  label=$([ "$shared" = true ] && echo "warm compiler server" || echo "fresh compiler")
  # Warm the server with three builds of each: its JIT tiers the generators' code up over the first few builds.
  if [ "$shared" = true ]; then for _ in 1 2 3; do for variant in with without floor; do build true "$variant" >/dev/null; done; done; fi
  : > "$WORK/with.txt"; : > "$WORK/without.txt"; : > "$WORK/floor.txt"
  for n in $(seq 1 "$BUILDS"); do
    # Rotate which variant goes first, so a load change hits all three.
    case $((n % 3)) in 1) order="with without floor" ;; 2) order="without floor with" ;; *) order="floor with without" ;; esac
    for variant in $order; do
      s=$(build "$shared" "$variant")
      echo "$s" >> "$WORK/$variant.txt"
      printf '%s | build %d | %-7s | %6.2f s | load %s\n' "$label" "$n" "$variant" "$s" "$(load)"
    done
  done
  with=$(median < "$WORK/with.txt"); without=$(median < "$WORK/without.txt"); floor=$(median < "$WORK/floor.txt")
  printf '%s: median with PodBinding %.2f s, without %.2f s, with the floor generator %.2f s; PodBinding %.3f, floor %.3f (load %s)\n' \
    "$label" "$with" "$without" "$floor" "$(echo "$with / $without" | bc -l)" "$(echo "$floor / $without" | bc -l)" "$(load)"
done
# The compiler server started here exits by itself when idle; other builds on the machine may share it.
