#!/bin/sh
# Mide el almacén del clúster simulado en una compilación release: 150.000 pods creados por
# la API (valores por defecto, validación, uid, resourceVersion), 1.000 listas por selector de
# etiquetas y una lista completa. Uso: scripts/bench-store.sh [N_PODS]
set -eu
cd "$(dirname "$0")/.."
swift build -c release --product taller >/dev/null
/usr/bin/time -v .build/release/taller bench almacen --pods "${1:-150000}" 2>/tmp/bench-store-time.txt
grep -E "Maximum resident|Elapsed" /tmp/bench-store-time.txt
