#!/usr/bin/env bash
# Instrucciones ejecutadas (cachegrind, Ir) por `taller calificar` sobre una clase pequeña y por
# `taller bench escala` con 100 nodos y 3.000 pods, en release. A diferencia del tiempo de pared
# y de la CPU, que en esta máquina virtual varían un 20 % entre ejecuciones del mismo binario,
# la cuenta de instrucciones es la misma en cada ejecución (con hashes deterministas): sirve
# para comparar dos versiones.
#
#   scripts/instrucciones.sh [BINARIO]      # por omisión, el de .build/release
set -euo pipefail
cd "$(dirname "$0")/.."
# Sin esto, la semilla aleatoria de los hashes de Swift (una por proceso) cambia el sondeo de
# las tablas y la cuenta varía ±0,4 % entre dos ejecuciones del mismo binario.
export SWIFT_DETERMINISTIC_HASHING=1
command -v valgrind >/dev/null || { echo "hace falta valgrind" >&2; exit 1; }
if [ $# -ge 1 ]; then TALLER="$(realpath "$1")"; else
  swift build -c release --product taller >/dev/null
  TALLER="$PWD/.build/release/taller"
fi
WORK="$(mktemp -d /tmp/taller-instrucciones-XXXXXX)"
trap 'rm -rf "$WORK"' EXIT
ir() { valgrind --tool=cachegrind --cache-sim=no --cachegrind-out-file=/dev/null "$@" 2>&1 >/dev/null | sed -n 's/.*I *refs: *//p'; }
IDS=$(python3 scripts/gen-clase.py "$PWD" "$WORK/clase" 40 10)
( cd "$WORK/clase/curso" && echo "calificar 40 × 10 (1 hilo): $(ir "$TALLER" calificar ../entregas --ejercicios "$IDS" --hilos 1 --formato csv --salida "$WORK/a.csv") instrucciones" )
echo "bench escala 100 nodos, 3.000 pods: $(ir "$TALLER" bench escala --nodos 100 --pods 3000) instrucciones"
