#!/usr/bin/env bash
# Build wall time of a 2,000-file project with 200 bound classes, with PodBinding's compiler extensions and without
# (the same package reference with PodBindingAnalyzers=false), alternating A/B so both see the same machine load.
# Two compiler setups: a warm compiler server (shared compilation, one warm-up build first) and a fresh compiler
# per build (UseSharedCompilation=false). Every timed build recompiles (--no-incremental, no restore).
#
#   tests/PodBinding.Benchmarks/build-time.sh [builds per variant, default 5] [work dir, default a new temp dir]
#
# Prints one line per build (with the load average) and the medians and their ratio per setup.
set -euo pipefail

BUILDS="${1:-5}"
WORK="${2:-$(mktemp -d /tmp/podbinding-build-time.XXXXXX)}"
REPO="$(cd "$(dirname "$0")/../.." && pwd)"
CLASSES=200
PLAIN=1800   # + 200 bound classes = 2,000 files

mkdir -p "$WORK/feed" "$WORK/packages" "$WORK/app"
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
    <TargetFramework>net10.0</TargetFramework>
    <Nullable>enable</Nullable>
    <ImplicitUsings>enable</ImplicitUsings>
  </PropertyGroup>
  <ItemGroup><PackageReference Include="PodBinding" Version="$VERSION" /></ItemGroup>
</Project>
XML
mkdir -p Plain Pods
for i in $(seq 0 $((PLAIN - 1))); do
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
dotnet restore -nologo -v:q >/dev/null

build() { # $1 = shared compilation true/false, $2 = PodBindingAnalyzers true/false; prints seconds
  local start end
  start=$(date +%s.%N)
  dotnet build --no-restore --no-incremental -nologo -v:q -nodeReuse:false -p:UseSharedCompilation="$1" -p:PodBindingAnalyzers="$2" >/dev/null
  end=$(date +%s.%N)
  echo "$end - $start" | bc
}
median() { sort -n | awk '{a[NR]=$1} END {if (NR % 2) print a[(NR+1)/2]; else print (a[NR/2] + a[NR/2+1]) / 2}'; }
load() { cut -d' ' -f1-3 /proc/loadavg; }

for shared in true false; do
  label=$([ "$shared" = true ] && echo "warm compiler server" || echo "fresh compiler")
  if [ "$shared" = true ]; then build true true >/dev/null; build true false >/dev/null; fi  # warm the server with both
  : > "$WORK/with.txt"; : > "$WORK/without.txt"
  for n in $(seq 1 "$BUILDS"); do
    # Alternate which variant goes first (ABBA) so a load change hits both.
    for variant in $([ $((n % 2)) = 1 ] && echo "true false" || echo "false true"); do
      s=$(build "$shared" "$variant")
      if [ "$variant" = true ]; then echo "$s" >> "$WORK/with.txt"; else echo "$s" >> "$WORK/without.txt"; fi
      printf '%s | build %d | PodBinding %-5s | %6.2f s | load %s\n' "$label" "$n" "$variant" "$s" "$(load)"
    done
  done
  with=$(median < "$WORK/with.txt"); without=$(median < "$WORK/without.txt")
  printf '%s: median with %.2f s, without %.2f s, ratio %.3f (load %s)\n' "$label" "$with" "$without" "$(echo "$with / $without" | bc -l)" "$(load)"
done
# The compiler server started here exits by itself when idle; other builds on the machine may share it.
