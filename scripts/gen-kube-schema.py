#!/usr/bin/env python3
"""Generate Sources/KubeAPI/Generated/SchemaData.swift from the official Python client.

Dev-time only (CI never runs it). Usage:

    pip install --target /tmp/k8sclient kubernetes==37.0.2
    PYTHONPATH=/tmp/k8sclient python3 scripts/gen-kube-schema.py

Reads every model class reachable from the kinds in ROOTS: `openapi_types` (python type of
each attribute) and `attribute_map` (attribute -> json name). Field descriptions are NOT
copied. Required fields are those the pydantic model declares without `Optional[...]` and
without a default (the generated constructor raises when they are missing).

The Python client flattens two Go distinctions that the apiserver's error messages need, so
they are restored from two small tables below, checked against the Go types in
k8s.io/api (core/v1/types.go, apps/v1/types.go, batch/v1/types.go, ...) and
k8s.io/apimachinery/pkg/apis/meta/v1/types.go:
  * `int` is int32 in Go unless listed in INT64 (the OpenAPI `format: int64` fields);
  * `resource.Quantity` is `str` in the client: QUANTITY lists those fields (a Quantity
    accepts JSON numbers, a string does not, so the distinction matters for decoding).

Output line format (parsed once, lazily, by `Schema.swift`):

    # comment
    =<ClassName> <goPackage>.<GoName>      starts a type
    <jsonName> <type>[ !]                  one field; `!` = required
    type := string | int32 | int64 | bool | float64 | Quantity | IntOrString | Time
          | MicroTime | bytes | any | []<type> | {}<type> | @<ClassName>
"""
import importlib
import re
import sys

import kubernetes
from kubernetes.client import models as M

# Root classes: python class name of each kind's top-level type.
ROOTS = [
    "V1Namespace", "V1Node", "V1Pod", "V1ReplicaSet", "V1Deployment", "V1StatefulSet",
    "V1DaemonSet", "V1Job", "V1CronJob", "V1Service", "V1Endpoints", "V1EndpointSlice",
    "V1ConfigMap", "V1Secret", "V1PersistentVolume", "V1PersistentVolumeClaim",
    "V1StorageClass", "V1Ingress", "V1IngressClass", "V2HorizontalPodAutoscaler",
    "V1HorizontalPodAutoscaler", "V1NetworkPolicy", "V1ServiceAccount", "V1Role",
    "V1RoleBinding", "V1ClusterRole", "V1ClusterRoleBinding", "V1ResourceQuota",
    "V1LimitRange", "V1PodDisruptionBudget", "EventsV1Event", "CoreV1Event",
]

# (class, json field) whose Go type is int64 (everything else `int` is int32).
INT64 = {
    ("V1ObjectMeta", "generation"), ("V1ObjectMeta", "deletionGracePeriodSeconds"),
    ("V1PodSpec", "activeDeadlineSeconds"), ("V1PodSpec", "terminationGracePeriodSeconds"),
    ("V1Probe", "terminationGracePeriodSeconds"), ("V1SleepAction", "seconds"),
    ("V1SecurityContext", "runAsUser"), ("V1SecurityContext", "runAsGroup"),
    ("V1PodSecurityContext", "runAsUser"), ("V1PodSecurityContext", "runAsGroup"),
    ("V1PodSecurityContext", "fsGroup"), ("V1PodSecurityContext", "supplementalGroups"),
    ("V1Toleration", "tolerationSeconds"), ("V1Taint", "timeAdded"),
    ("V1JobSpec", "activeDeadlineSeconds"), ("V1CronJobSpec", "startingDeadlineSeconds"),
    ("V1ServiceAccountTokenProjection", "expirationSeconds"),
    ("V1ContainerImage", "sizeBytes"), ("V1NodeSwapStatus", "capacity"),
    ("V1LinuxContainerUser", "uid"), ("V1LinuxContainerUser", "gid"),
    ("V1LinuxContainerUser", "supplementalGroups"),
    ("V1DeploymentStatus", "observedGeneration"), ("V1ReplicaSetStatus", "observedGeneration"),
    ("V1StatefulSetStatus", "observedGeneration"), ("V1DaemonSetStatus", "observedGeneration"),
    ("V1HorizontalPodAutoscalerStatus", "observedGeneration"),
    ("V2HorizontalPodAutoscalerStatus", "observedGeneration"),
    ("V1PodDisruptionBudgetStatus", "observedGeneration"), ("V1Condition", "observedGeneration"),
    ("V1PodStatus", "observedGeneration"), ("V1PodCondition", "observedGeneration"),
    ("V2HorizontalPodAutoscalerCondition", "observedGeneration"),
}

# (class, json field) whose Go type is resource.Quantity or a map of them (ResourceList).
QUANTITY = {
    ("V1ResourceRequirements", "limits"), ("V1ResourceRequirements", "requests"),
    ("V1VolumeResourceRequirements", "limits"), ("V1VolumeResourceRequirements", "requests"),
    ("V1PodSpec", "overhead"), ("V1EmptyDirVolumeSource", "sizeLimit"),
    ("V1ResourceFieldSelector", "divisor"), ("V1NodeStatus", "capacity"),
    ("V1NodeStatus", "allocatable"), ("V1PersistentVolumeSpec", "capacity"),
    ("V1PersistentVolumeClaimStatus", "capacity"),
    ("V1PersistentVolumeClaimStatus", "allocatedResources"),
    ("V1ResourceQuotaSpec", "hard"), ("V1ResourceQuotaStatus", "hard"),
    ("V1ResourceQuotaStatus", "used"), ("V1LimitRangeItem", "max"), ("V1LimitRangeItem", "min"),
    ("V1LimitRangeItem", "default"), ("V1LimitRangeItem", "defaultRequest"),
    ("V1LimitRangeItem", "maxLimitRequestRatio"), ("V1ContainerStatus", "allocatedResources"),
    ("V2MetricTarget", "value"), ("V2MetricTarget", "averageValue"),
    ("V2MetricValueStatus", "value"), ("V2MetricValueStatus", "averageValue"),
    ("V1PodStatus", "allocatedResources"),
}

# (class, json field) whose Go type is metav1.MicroTime rather than metav1.Time.
MICROTIME = {("EventsV1Event", "eventTime"), ("CoreV1Event", "eventTime"),
             ("EventsV1EventSeries", "lastObservedTime"), ("CoreV1EventSeries", "lastObservedTime")}

PREFIX = re.compile(r"^(?:[A-Z][a-z]+)*?(V\d+(?:alpha\d+|beta\d+)?)(?=[A-Z])")


def go_name(cls):
    m = PREFIX.match(cls)
    if not m:
        raise SystemExit(f"unexpected class name {cls}")
    return m.group(1).lower(), cls[m.end():]


def model(cls):
    return getattr(M, cls)


def field_info(cls, attr):
    """The pydantic field of `attr` (`_from` is stored as `var_from`, aliased `_from`)."""
    fields = model(cls).model_fields
    if attr in fields:
        return fields[attr]
    for f in fields.values():
        if f.alias == attr:
            return f
    raise SystemExit(f"no pydantic field for {cls}.{attr}")


def is_required(cls, attr):
    return field_info(cls, attr).is_required()


def annotation(cls, attr):
    return str(field_info(cls, attr).annotation)


def convert(cls, attr, json_name, t, pending):
    m = re.fullmatch(r"List\[(.+)\]", t)
    if m:
        return "[]" + convert(cls, attr, json_name, m.group(1), pending)
    m = re.fullmatch(r"Dict\[str, (.+)\]", t)
    if m:
        return "{}" + convert(cls, attr, json_name, m.group(1), pending)
    key = (cls, json_name)
    if t == "str":
        return "Quantity" if key in QUANTITY else "string"
    if t == "int":
        return "int64" if key in INT64 else "int32"
    if t == "bool":
        return "bool"
    if t == "float":
        return "float64"
    if t == "bytes":
        return "bytes"
    if t == "datetime":
        return "MicroTime" if key in MICROTIME else "Time"
    if t == "object":
        ann = annotation(cls, attr)
        # IntOrString is annotated `StrictInt | StrictStr` (typing.Union[Annotated[int, ...],
        # Annotated[str, ...], ...]); RawExtension, JSON and FieldsV1 are plain `object`.
        is_int_or_string = re.search(r"\bint\b", ann) and re.search(r"\bstr\b", ann)
        return "IntOrString" if is_int_or_string else "any"
    if hasattr(M, t):
        pending.append(t)
        return "@" + t
    raise SystemExit(f"unknown type {t} in {cls}.{attr}")


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else "Sources/KubeAPI/Generated/SchemaData.swift"
    seen, order, pending = set(), [], list(ROOTS)
    lines = []
    while pending:
        cls = pending.pop(0)
        if cls in seen:
            continue
        seen.add(cls)
        order.append(cls)
        c = model(cls)
        pkg, name = go_name(cls)
        lines.append(f"={cls} {pkg}.{name}")
        for attr, t in c.openapi_types.items():
            json_name = c.attribute_map[attr]
            ft = convert(cls, attr, json_name, t, pending)
            req = " !" if is_required(cls, attr) else ""
            lines.append(f"{json_name} {ft}{req}")
    used = {(c, f) for c in order for f in model(c).attribute_map.values()}
    for table, label in ((INT64, "INT64"), (QUANTITY, "QUANTITY"), (MICROTIME, "MICROTIME")):
        for entry in sorted(table - used):
            print(f"warning: {label} entry {entry} not reachable", file=sys.stderr)
    text = "\n".join(lines)
    assert '"""' not in text and "\\" not in text
    header = (
        "// GENERATED by scripts/gen-kube-schema.py from the Kubernetes Python client "
        f"{kubernetes.__version__}.\n// Do not edit by hand: edit the script and run it again.\n"
        "// Format: see the script's docstring and `Schema+Parse.swift`.\n\n"
        "extension Schema {\n"
        f"    /// Python client version the data was generated from.\n"
        f"    static let sourceVersion = \"{kubernetes.__version__}\"\n\n"
        "    static let data = \"\"\"\n" + text + "\n\"\"\"\n}\n"
    )
    with open(out, "w") as f:
        f.write(header)
    print(f"{len(order)} types, {len(lines) - len(order)} fields -> {out}", file=sys.stderr)


if __name__ == "__main__":
    main()
