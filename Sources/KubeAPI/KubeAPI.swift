import YAML

/// Kubernetes API machinery for the course: the kinds the simulated cluster serves
/// (`Kinds`), their field schema (`Schema`), strict decoding of YAML documents into
/// marked `Value` trees (`KubeDecoder`), quantities and int-or-string values.
/// This module stands on `YAML` and nothing above it.
public enum KubeAPI {}
