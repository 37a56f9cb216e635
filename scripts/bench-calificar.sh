#!/usr/bin/env bash
# `taller calificar` sobre una clase sintética (scripts/gen-clase.py): por omisión 1000
# alumnos × 10 ejercicios (10 repartidos por el curso; si hubiera menos, copias con otros ids), con entregas bien,
# a medias, mal, rotas, hostiles y sin entregar. Compila en release, califica con todos los
# núcleos y con 1 hilo, e imprime tiempo de pared, correcciones por segundo y pico de memoria
# (/usr/bin/time -v); comprueba con cmp que las salidas no dependen de --hilos.
# Objetivo (issue 7): ≥ 1000 correcciones por segundo en esta máquina de 2 núcleos.
#
#   scripts/bench-calificar.sh [ALUMNOS] [EJERCICIOS]
set -euo pipefail
cd "$(dirname "$0")/.."
STUDENTS="${1:-1000}"
EXERCISES="${2:-10}"
swift build -c release --product taller >/dev/null 2>&1
TALLER="$PWD/.build/release/taller"
WORK="$(mktemp -d /tmp/taller-bench-calificar-XXXXXX)"
trap 'rm -rf "$WORK"' EXIT
IDS=$(python3 scripts/gen-clase.py "$PWD" "$WORK/clase" "$STUDENTS" "$EXERCISES")
echo "ejercicios: $IDS"
cd "$WORK/clase/curso"
PAIRS=$((STUDENTS * EXERCISES))
CORES=$(nproc)

measure() { # $1 hilos, $2 formato, $3 salida → "segundos kib"
  /usr/bin/time -v -o "$WORK/time" "$TALLER" calificar ../entregas --ejercicios "$IDS" --hilos "$1" --formato "$2" --salida "$3" 2>/dev/null
  local wall kib cpu
  cpu=$(awk -F': ' '/User time|System time/ { s += $2 } END { print s }' "$WORK/time")
  wall=$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$WORK/time" | awk -F: '{ if (NF == 3) print $1*3600+$2*60+$3; else print $1*60+$2 }')
  kib=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$WORK/time")
  echo "$wall $kib $cpu"
}
report() { # $1 etiqueta, $2 "segundos kib"
  set -- "$1" $2
  echo "$1: $2 s de pared, $(python3 -c "print(round($PAIRS / $2))") correcciones/s; CPU $4 s ($(python3 -c "print(round($PAIRS / $4))") por segundo de CPU); pico $3 KiB ($PAIRS correcciones; carga antes: $(cut -d' ' -f1 /proc/loadavg))"
}
echo "$(nproc) núcleos; carga media al empezar: $(cut -d' ' -f1-3 /proc/loadavg) (otros procesos comparten la máquina)"
report "csv, $CORES hilos" "$(measure "$CORES" csv "$WORK/a.csv")"
report "csv, 1 hilo  " "$(measure 1 csv "$WORK/b.csv")"
report "json, $CORES hilos" "$(measure "$CORES" json "$WORK/a.json")"
"$TALLER" calificar ../entregas --ejercicios "$IDS" --hilos 3 --formato json --salida "$WORK/b.json" 2>/dev/null
report "html, $CORES hilos" "$(measure "$CORES" html "$WORK/a.html")"
"$TALLER" calificar ../entregas --ejercicios "$IDS" --hilos 1 --formato html --salida "$WORK/b.html" 2>/dev/null
for f in csv json html; do
  if cmp "$WORK/a.$f" "$WORK/b.$f"; then echo "cmp $f (--hilos $CORES frente a otro número): idénticos"; else echo "cmp $f: DISTINTOS"; exit 1; fi
done
echo "estados: $(python3 -c "
import json, collections
d = json.load(open('$WORK/a.json'))
c = collections.Counter(e['estado'] for a in d['alumnos'] for e in a['ejercicios'])
print(', '.join(f'{k} {v}' for k, v in sorted(c.items())))")"
echo "tamaños: csv $(wc -c <"$WORK/a.csv") B, json $(wc -c <"$WORK/a.json") B, html $(wc -c <"$WORK/a.html") B"
if [ -n "${GUARDAR:-}" ]; then cp "$WORK/a.html" "$GUARDAR"; fi
