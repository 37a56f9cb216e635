#!/usr/bin/env bash
# `taller verificar` de principio a fin, compilado en release: mediana del tiempo de pared
# del proceso entero sobre 21 ejecuciones y pico de memoria (RSS máximo, /usr/bin/time -v).
# Corrige, en una copia del contenido del repositorio, un ejercicio (por omisión
# 32-sondas-y-recursos: 3 nodos, un Deployment con sondas, `k set image` y 2 min observados)
# con su solución y con sus archivos iniciales. Referencia en la misma ejecución:
# `taller ayuda` (arrancar el programa), para ver el coste del corrector por encima.
# Objetivo (issue 5): mediana ≤ 30 ms.
#
#   scripts/bench-verificar.sh [EJERCICIO] [EJECUCIONES]
set -euo pipefail
cd "$(dirname "$0")/.."
EXERCISE="${1:-32-sondas-y-recursos}"
RUNS="${2:-21}"
swift build -c release --product taller >/dev/null 2>&1
TALLER="$PWD/.build/release/taller"
WORK="$(mktemp -d /tmp/taller-bench-verificar-XXXXXX)"
trap 'rm -rf "$WORK"' EXIT
cp -r lessons exercises solutions INDICE.md "$WORK/"
cd "$WORK"

median() { # microsegundos de cada ejecución de "$@" → mediana en ms
  local times=()
  for _ in $(seq 1 "$RUNS"); do
    t0=$(date +%s%N); "$@" >/dev/null 2>&1 || true; t1=$(date +%s%N)
    times+=($(( (t1 - t0) / 1000 )))
  done
  local m
  m=$(printf '%s\n' "${times[@]}" | sort -n | sed -n "$(( (RUNS + 1) / 2 ))p")
  printf '%d.%d' $((m / 1000)) $(( (m % 1000) / 100 ))
}
peak() { /usr/bin/time -v "$@" 2>&1 >/dev/null | sed -n 's/.*Maximum resident set size (kbytes): //p'; }

"$TALLER" verificar "$EXERCISE" --dir "solutions/$EXERCISE" >/dev/null || { echo "la solución de $EXERCISE no aprueba" >&2; exit 1; }
solution=$(median "$TALLER" verificar "$EXERCISE" --dir "solutions/$EXERCISE" --formato json)
starter=$(median "$TALLER" verificar "$EXERCISE" --dir "exercises/$EXERCISE/inicial")
reference=$(median "$TALLER" ayuda)
echo "taller verificar $EXERCISE (solución, json): mediana $solution ms, pico $(peak "$TALLER" verificar "$EXERCISE" --dir "solutions/$EXERCISE" --formato json) KiB ($RUNS ejecuciones; objetivo ≤ 30 ms)"
echo "taller verificar $EXERCISE (iniciales, texto): mediana $starter ms, pico $(peak "$TALLER" verificar "$EXERCISE" --dir "exercises/$EXERCISE/inicial") KiB"
echo "referencia taller ayuda: mediana $reference ms, pico $(peak "$TALLER" ayuda) KiB; verificar/ayuda = $(python3 -c "print(f'{$solution / $reference:.2f}')")"
