#!/bin/sh
# Mide un clúster ocupado en una compilación release: 200 Deployments de 10 pods (2.000 pods)
# detrás de 200 Services con carga externa, 50 de ellos con HPA (cpu 50 %), durante una hora
# virtual. Uso: scripts/bench-carga.sh [SERVICIOS] [HPA] [MINUTOS]
set -eu
cd "$(dirname "$0")/.."
swift build -c release --product taller >/dev/null
/usr/bin/time -v .build/release/taller bench carga --servicios "${1:-200}" --hpa "${2:-50}" --minutos "${3:-60}" 2>/tmp/bench-carga-time.txt
grep -E "Maximum resident|Elapsed" /tmp/bench-carga-time.txt
