import YAML

/// Typed Kubernetes API objects decoded from YAML nodes, defaulted and validated as the
/// apiserver does (issue 3). This module stands on `YAML` and nothing above it.
public enum KubeAPI {}
