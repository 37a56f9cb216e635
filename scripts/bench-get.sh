#!/usr/bin/env bash
# `taller k get pods` against a saved cluster of ~500 objects: median wall time of the whole
# process, release build. Builds the state with `taller k apply` (250 Pods, 150 ConfigMaps,
# 50 Services, 40 Deployments, plus the 4 nodes and namespaces of a fresh cluster), then times
# 30 runs with hyperfine (or a bash loop with `date +%s%N` when hyperfine is missing).
# Reference in the same run: `taller k version` (process start, no state) — the ratio shows
# what loading and printing the cluster cost over starting the program.
# Target (issue 3): median ≤ 20 ms.
set -euo pipefail
cd "$(dirname "$0")/.."
swift build -c release --product taller >/dev/null
TALLER="$PWD/.build/release/taller"
WORK="$(mktemp -d /tmp/taller-bench-get-XXXXXX)"
trap '[ -n "${KEEP:-}" ] || rm -rf "$WORK"' EXIT
export TALLER_ESTADO="$WORK/estado"

{
  for i in $(seq 1 250); do
    printf -- "---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: pod-%03d\n  labels: {app: app-%d}\nspec:\n  containers:\n  - name: web\n    image: nginx:1.27\n" "$i" $((i % 10))
  done
  for i in $(seq 1 150); do
    printf -- "---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: config-%03d\ndata:\n  clave: valor-%d\n" "$i" "$i"
  done
  for i in $(seq 1 50); do
    printf -- "---\napiVersion: v1\nkind: Service\nmetadata:\n  name: svc-%03d\nspec:\n  selector: {app: app-%d}\n  ports:\n  - port: 80\n" "$i" $((i % 10))
  done
  for i in $(seq 1 40); do
    printf -- "---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: deploy-%03d\nspec:\n  replicas: 0\n  selector:\n    matchLabels: {app: d-%d}\n  template:\n    metadata:\n      labels: {app: d-%d}\n    spec:\n      containers:\n      - name: web\n        image: nginx:1.27\n" "$i" "$i" "$i"
  done
} > "$WORK/objetos.yaml"

"$TALLER" k apply -f "$WORK/objetos.yaml" >/dev/null
OBJECTS=$("$TALLER" k get all,cm,ns,nodes -A -o name | wc -l)
PODS=$("$TALLER" k get pods -o name | wc -l)
echo "estado: $(du -k "$TALLER_ESTADO/cluster.estado" | cut -f1) KiB, $OBJECTS objetos visibles ($PODS pods)"

if command -v hyperfine >/dev/null; then
  hyperfine -N --warmup 3 --runs 30 --export-json "$WORK/get.json" "$TALLER k get pods" "$TALLER k version" >/dev/null 2>&1
  python3 - "$WORK/get.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))["results"]
get, ref = r[0]["median"] * 1000, r[1]["median"] * 1000
print(f"taller k get pods: mediana {get:.1f} ms (30 ejecuciones; objetivo ≤ 20 ms)")
print(f"referencia taller k version: mediana {ref:.1f} ms; get/version = {get / ref:.2f}")
PY
else
  times=()
  for _ in $(seq 1 30); do
    t0=$(date +%s%N); "$TALLER" k get pods >/dev/null; t1=$(date +%s%N)
    times+=($(( (t1 - t0) / 1000 )))
  done
  median=$(printf '%s\n' "${times[@]}" | sort -n | sed -n '15p')
  echo "taller k get pods: mediana $((median / 1000)).$(( (median % 1000) / 100 )) ms (30 ejecuciones, bucle de bash; objetivo ≤ 20 ms)"
fi
