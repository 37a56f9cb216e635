#!/usr/bin/env bash
# Banco de pruebas del analizador YAML frente a PyYAML con libyaml (CSafeLoader).
#
#   scripts/bench-yaml.sh [MB] [PASADAS]       (por omisión 10 MB y 5 pasadas)
#
# 1. Compila en modo release (`swift build -c release`).
# 2. Junta los manifiestos de ../shared/corpus/k8s-website y k8s-examples en un solo flujo
#    (documentos separados por `---`), saltándose los que PyYAML o nuestro analizador
#    rechazan, y lo repite hasta unos MB megabytes: bench-out/bench.yaml (ignorado por git).
# 3. Mide, sobre el mismo archivo y en la misma ejecución:
#    - nuestro analizador: `taller yaml medir` compone nodos con marcas (YAML.compose);
#    - PyYAML: yaml.compose_all(datos, Loader=yaml.CSafeLoader), también hasta nodos.
# 4. Imprime MB/s de cada uno y el cociente. Nunca falla por lentitud: solo informa.
#
# Necesita: swift y python3 con PyYAML (pip install pyyaml; con libyaml para CSafeLoader).
set -euo pipefail
cd "$(dirname "$0")/.."

TARGET_MB="${1:-10}"
PASSES="${2:-5}"
CORPUS="${CORPUS:-../shared/corpus}"
OUT=bench-out
mkdir -p "$OUT"

python3 -c 'import yaml; yaml.CSafeLoader' 2>/dev/null || {
    echo "error: hace falta python3 con PyYAML compilado con libyaml (yaml.CSafeLoader)" >&2
    exit 2
}
[ -d "$CORPUS/k8s-website" ] || { echo "error: no encuentro $CORPUS/k8s-website" >&2; exit 2; }

echo "compilando (release) ..."
swift build -c release --product taller >"$OUT/build.log" 2>&1 || { cat "$OUT/build.log" >&2; exit 1; }
TALLER="$(swift build -c release --show-bin-path)/taller"

# Archivos que PyYAML acepta...
find "$CORPUS/k8s-website" "$CORPUS/k8s-examples" -type f \( -name '*.yaml' -o -name '*.yml' \) | sort >"$OUT/all.txt"
python3 - "$OUT/all.txt" "$OUT/pyyaml-ok.txt" <<'PY'
import sys, yaml
ok = []
for path in open(sys.argv[1]).read().split("\n"):
    if not path:
        continue
    try:
        with open(path, "rb") as f:
            list(yaml.compose_all(f.read(), Loader=yaml.CSafeLoader))
        ok.append(path)
    except Exception:
        pass
open(sys.argv[2], "w").write("".join(p + "\n" for p in ok))
PY
# ... y que el nuestro también acepta.
: >"$OUT/ok.txt"
skipped=0
while read -r f; do
    if "$TALLER" yaml medir "$f" --veces 1 >/dev/null 2>&1; then echo "$f" >>"$OUT/ok.txt"; else skipped=$((skipped + 1)); fi
done <"$OUT/pyyaml-ok.txt"
echo "archivos: $(wc -l <"$OUT/all.txt") en el corpus, $(wc -l <"$OUT/pyyaml-ok.txt") válidos para PyYAML, $(wc -l <"$OUT/ok.txt") usados ($skipped rechazados por el nuestro)"
[ -s "$OUT/ok.txt" ] || { echo "error: ningún archivo utilizable (¿el analizador ya está en esta rama?)" >&2; exit 1; }

python3 - "$OUT/ok.txt" "$OUT/bench.yaml" "$TARGET_MB" <<'PY'
import sys
paths = [p for p in open(sys.argv[1]).read().split("\n") if p]
chunks = []
for p in paths:
    data = open(p, "rb").read()
    if not data.endswith(b"\n"):
        data += b"\n"
    # A file that starts with its own `---` needs no separator before it.
    chunks.append(data if data.startswith(b"---") else b"---\n" + data)
one = b"".join(chunks)
target = int(float(sys.argv[3]) * 1_000_000)
with open(sys.argv[2], "wb") as f:
    f.write(one * max(1, -(-target // len(one))))
PY
size=$(wc -c <"$OUT/bench.yaml")
echo "bench-out/bench.yaml: $size bytes; $PASSES pasadas"

one=$("$TALLER" yaml medir "$OUT/bench.yaml" --veces "$PASSES" --nucleos 1)
echo "Taller K8s, 1 núcleo      : $one"
one_rate=$(echo "$one" | sed -E 's/.*: ([0-9.]+) MB\/s.*/\1/')
ours=$("$TALLER" yaml medir "$OUT/bench.yaml" --veces "$PASSES" --nucleos todos)
echo "Taller K8s, $(nproc) núcleos     : $ours"
ours_rate=$(echo "$ours" | sed -E 's/.*: ([0-9.]+) MB\/s.*/\1/')

theirs=$(python3 - "$OUT/bench.yaml" "$PASSES" <<'PY'
import sys, time, yaml
data = open(sys.argv[1], "rb").read()
passes = int(sys.argv[2])
def count(n):
    if isinstance(n, yaml.ScalarNode):
        return 1
    if isinstance(n, yaml.SequenceNode):
        return 1 + sum(count(x) for x in n.value)
    return 1 + sum(count(k) + count(v) for k, v in n.value)
# Only composing is timed (documents are freed as the loop moves on); nodes are counted
# afterwards, as `taller yaml medir` does.
start = time.perf_counter()
for _ in range(passes):
    for document in yaml.compose_all(data, Loader=yaml.CSafeLoader):
        pass
elapsed = time.perf_counter() - start
nodes = sum(count(d) for d in yaml.compose_all(data, Loader=yaml.CSafeLoader))
rate = len(data) * passes / 1e6 / elapsed
print(f"{len(data) * passes / 1e6:.2f} MB en {elapsed:.2f} s: {rate:.2f} MB/s; {nodes} nodos por pasada")
PY
)
echo "PyYAML (C)  : $theirs"
theirs_rate=$(echo "$theirs" | sed -E 's/.*: ([0-9.]+) MB\/s.*/\1/')
python3 -c "import sys; a, o, t = map(float, sys.argv[1:]); print(f'cociente Taller/PyYAML: {a / t:.2f}x con 1 núcleo, {o / t:.2f}x con todos' if t else 'cociente: -')" "$one_rate" "$ours_rate" "$theirs_rate"
