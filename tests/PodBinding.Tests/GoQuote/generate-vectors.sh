#!/usr/bin/env bash
# Regenerates vectors.txt with the real Go strconv.Quote (Go 1.19 from Debian: apt-get install -y golang-go).
# Standard library only; works offline. Commit the result.
set -euo pipefail
cd "$(dirname "$0")"
export GOFLAGS=-mod=mod GOPROXY=off GO111MODULE=off
go version
go run gen.go > vectors.txt.tmp
mv vectors.txt.tmp vectors.txt
wc -l vectors.txt
