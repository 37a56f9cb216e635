import KubeAPI

/// The embedded cluster: store, controllers, scheduler and kubelet on a virtual clock
/// (issues 3 and 4).
public enum Simulator {}
