#!/bin/sh
# El planificador solo, medido como kube-scheduler se mide a sí mismo: la carga SchedulingBasic
# de test/integration/scheduler_perf/misc/performance-config.yaml (un apiserver y el
# planificador, sin kubelet ni controller-manager; nodos de 4 CPU, 32Gi y 110 pods; pods pause
# de 100m / 500Mi). Dos tamaños, los de upstream con umbral: 5000Nodes_10000Pods (680 pods/s)
# y 5000Nodes_50000Pods (810 pods/s); el objetivo de la issue 3 es 20 veces el umbral.
# Uso: scripts/bench-planificador.sh
set -eu
cd "$(dirname "$0")/.."
swift build -c release --product taller >/dev/null
echo "5000Nodes_10000Pods (1.000 iniciales, 10.000 medidos; objetivo 20 × 680 = 13.600 pods/s):"
.build/release/taller bench planificador --nodos 5000 --iniciales 1000 --pods 10000
echo "5000Nodes_50000Pods (5.000 iniciales, 50.000 medidos; objetivo 20 × 810 = 16.200 pods/s):"
.build/release/taller bench planificador --nodos 5000 --iniciales 5000 --pods 50000
