#!/usr/bin/env bash
# Rebuilds simulated-pod/volume exactly as the kubelet's AtomicWriter lays out a downwardAPI volume (docs/kubernetes-rules.md, "Volume layout"):
# a timestamped data directory, the ..data symlink to it, and one top-level symlink per item through ..data.
# The label and annotation files use the kubelet's format: key="go-quoted value", keys in ordinal order, no final newline.
set -euo pipefail
cd "$(dirname "$0")"
rm -rf volume && mkdir volume && cd volume
data=..2026_11_26_09_12_44.2381907641
mkdir "$data"
printf '%s' \
'app.kubernetes.io/name="orders"
app.kubernetes.io/part-of="shop"
app.kubernetes.io/version="1.4.2"
pod-template-hash="7d9f8b6c5"
tier="backend"' > "$data/labels"
printf '%s' \
'kubernetes.io/config.seen="2026-11-26T09:12:44.4815161Z"
kubernetes.io/config.source="api"
orders.example.com/motd="Welcome to \"orders\"\n— on-call: #checkout"
orders.example.com/owner="team-checkout"
prometheus.io/port="8080"
prometheus.io/scrape="true"' > "$data/annotations"
printf '%s' '1.4.2' > "$data/label.app.kubernetes.io_version"
ln -s "$data" ..data
for item in labels annotations label.app.kubernetes.io_version; do ln -s "..data/$item" "$item"; done
