#!/usr/bin/env bash
# Fuzzing del módulo YAML con libFuzzer y AddressSanitizer.
#
#   scripts/fuzz-yaml.sh [SEGUNDOS]        (por omisión 600)
#
# Compila Sources/YAML/*.swift + Fuzz/YAMLFuzz.swift en un solo binario con
#   swiftc -sanitize=fuzzer,address -parse-as-library -O
# siembra el corpus con los in.yaml de la yaml-test-suite (../shared/corpus) y algunos
# manifiestos de Kubernetes, y lo ejecuta. Todo va a fuzz-out/ (ignorado por git):
#   fuzz-out/yaml-fuzz     el binario
#   fuzz-out/seeds/        semillas copiadas
#   fuzz-out/corpus/       corpus que libFuzzer hace crecer (se conserva entre ejecuciones)
#   fuzz-out/crashes/      entradas que fallan (crash-*, timeout-*, oom-*)
#   fuzz-out/fuzz.log      la salida completa
# Reproducir un fallo: fuzz-out/yaml-fuzz fuzz-out/crashes/crash-XXXX
set -euo pipefail
cd "$(dirname "$0")/.."

DURATION="${1:-600}"
OUT=fuzz-out
CORPUS_DIR=../shared/corpus
SWIFTC="${SWIFTC:-swiftc}"
JOBS="${FUZZ_JOBS:-1}"   # más de 1: procesos en paralelo (cada uno deja fuzz-N.log)

mkdir -p "$OUT/seeds" "$OUT/corpus" "$OUT/crashes"

# Semillas: cada in.yaml de la suite, con el nombre de su caso.
if [ -d "$CORPUS_DIR/yaml-test-suite" ]; then
    find "$CORPUS_DIR/yaml-test-suite" -name in.yaml | while read -r f; do
        id="${f#"$CORPUS_DIR/yaml-test-suite/"}"
        cp "$f" "$OUT/seeds/suite-${id//\//_}"
    done
    find "$CORPUS_DIR/k8s-website" -name '*.yaml' | sort | sed -n '1,40p' | while read -r f; do
        cp "$f" "$OUT/seeds/k8s-$(basename "$f")"
    done
else
    echo "AVISO: no encuentro $CORPUS_DIR/yaml-test-suite; el fuzzer empieza sin semillas." >&2
fi
echo "semillas: $(ls "$OUT/seeds" | wc -l)"

# Si existe el cargador de valores (YAML.load), el punto de entrada también lo ejercita.
DEFINES=()
if grep -qs 'static func load(' Sources/YAML/*.swift; then DEFINES+=(-D YAML_HAS_LOAD); fi

echo "compilando $OUT/yaml-fuzz ..."
# (ld.gold avisa de símbolos locales de ASan que no puede exportar: ruido inofensivo,
# que va a $OUT/build.log y solo se muestra si la compilación falla.)
if ! "$SWIFTC" -sanitize=fuzzer,address -parse-as-library -O -module-name YAMLFuzz \
    "${DEFINES[@]+"${DEFINES[@]}"}" Sources/YAML/*.swift Fuzz/YAMLFuzz.swift -o "$OUT/yaml-fuzz" \
    >"$OUT/build.log" 2>&1; then
    grep -v 'Cannot export local symbol' "$OUT/build.log" >&2
    exit 1
fi

# -max_len 4096: los errores de YAML aparecen en entradas pequeñas; más largo solo ralentiza.
# -rss_limit_mb / -timeout: una entrada que crece sin límite o se cuelga también es un fallo.
echo "ejecutando ${DURATION} s ..."
set +e
SWIFT_BACKTRACE=enable=no "$OUT/yaml-fuzz" "$OUT/corpus" "$OUT/seeds" \
    -max_total_time="$DURATION" -max_len=4096 -timeout=10 -rss_limit_mb=2048 \
    $([ "$JOBS" -gt 1 ] && echo "-jobs=$JOBS -workers=$JOBS") \
    -artifact_prefix="$OUT/crashes/" -print_final_stats=1 2>&1 | tee "$OUT/fuzz.log" | grep -E '^#[0-9]+.*(pulse|DONE|NEW)|ERROR|SUMMARY|stat::' | tail -n 40
status=${PIPESTATUS[0]}
set -e

logs=("$OUT/fuzz.log")
if [ "$JOBS" -gt 1 ]; then logs=(fuzz-*.log); fi
execs=$(grep -h 'stat::number_of_executed_units' "${logs[@]}" 2>/dev/null | awk '{s += $2} END {print s + 0}')
echo "ejecuciones: $execs"
if [ "$status" -ne 0 ]; then
    echo "FALLO: libFuzzer terminó con código $status; mira $OUT/crashes/ y $OUT/fuzz.log" >&2
    exit "$status"
fi
echo "sin fallos en ${DURATION} s"
