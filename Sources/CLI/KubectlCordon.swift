import KubeAPI
import Simulator
import YAML

/// `kubectl cordon|uncordon NODE…` (k8s.io/kubectl/pkg/cmd/drain/drain.go
/// `RunCordonOrUncordon`, k8s.io/kubectl/pkg/drain/cordon.go `CordonHelper`): sets or clears
/// `spec.unschedulable` and prints `node/taller-worker cordoned`, or `already cordoned` when
/// there was nothing to change. The node lifecycle controller then adds or removes the
/// `node.kubernetes.io/unschedulable:NoSchedule` taint, and `get nodes` shows
/// `Ready,SchedulingDisabled`. Pods already running stay (that is `drain`, not modelled).
enum KubectlCordon {
    static func run(_ c: KubectlContext, _ cluster: inout Cluster, cordon: Bool) throws(KubectlError) -> KubectlOutput {
        let verb = cordon ? "cordon" : "uncordon"
        let selecting = c.flags.has("selector")
        if c.args.isEmpty && !selecting {
            throw .message("error: USAGE: \(verb) NODE [flags]\nSee 'kubectl \(verb) -h' for help and examples")
        }
        if !c.args.isEmpty && selecting {
            throw .message("error: error: cannot specify both a node name and a --selector option\nSee 'kubectl \(verb) -h' for help and examples")
        }
        let dryRun = try c.flags.dryRun()
        let nodes = KubectlCreate.resource("nodes")
        var objects: [StoredObject] = []
        var errors: [String] = []
        if selecting {
            objects = try KubectlResources.list(cluster, nodes, flags: c.flags)
        } else {
            for name in c.args {
                do { objects.append(try cluster.api.get(nodes, namespace: "", name: name)) } catch { errors.append(KubectlMessages.requestError(error)) }
            }
        }
        var output = KubectlOutput()
        for node in objects {
            let current = node.value.at(["spec", "unschedulable"])?.bool ?? false
            guard current != cordon else {
                output.out += "node/\(node.name) already \(verb)ed\n"
                continue
            }
            // cordon.go PatchOrReplace: `unschedulable: true`, or the field removed.
            try KubectlEdit.write(node, node.value.setting(["spec", "unschedulable"], cordon ? true : nil), &cluster, dryRun: dryRun)
            output.out += "node/\(node.name) \(verb)ed\(dryRun.kubectlSuffix)\n"
        }
        for e in errors { output.fail(e) }
        return output
    }
}
