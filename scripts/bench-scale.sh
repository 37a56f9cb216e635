#!/bin/sh
# Mide el clúster simulado a escala en una compilación release: 5.000 nodos y 150.000 pods
# creados por Deployments (cada uno con su ReplicaSet), planificados, Running y Ready. Uso: scripts/bench-scale.sh [NODOS] [PODS]
set -eu
cd "$(dirname "$0")/.."
swift build -c release --product taller >/dev/null
/usr/bin/time -v .build/release/taller bench escala --nodos "${1:-5000}" --pods "${2:-150000}" 2>/tmp/bench-scale-time.txt
grep -E "Maximum resident|Elapsed" /tmp/bench-scale-time.txt
