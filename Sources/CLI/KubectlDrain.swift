import KubeAPI
import Simulator
import YAML

/// `kubectl drain NODE [--ignore-daemonsets] [--delete-emptydir-data] [--force]
/// [--grace-period N] [--timeout D] [--disable-eviction] [--pod-selector S] [--dry-run]`
/// (k8s.io/kubectl/pkg/cmd/drain/drain.go `RunDrain`, k8s.io/kubectl/pkg/drain):
///
/// 1. cordon the node (`node/x cordoned`, or `already cordoned`);
/// 2. list its pods and filter them (`DrainPodList`): any error stops this node with
///    `error: unable to drain node "x" due to error: …, continuing command...`, the list of
///    pending nodes, and the error again as kubectl's last line; warnings print as
///    `Warning: ignoring DaemonSet-managed Pods: …`;
/// 3. evict the rest through the Eviction API, each pod on its own (`DrainEviction`): a
///    refusal by a PodDisruptionBudget (429) is retried every 5 s until `--timeout`;
/// 4. `node/x drained`.
///
/// Time is the cluster's: while drain waits, the controllers run (the replacement of an
/// evicted pod is created, scheduled and becomes ready). With no `--timeout` kubectl would
/// wait forever; here it gives up after `DrainEviction.patience` of virtual time.
enum KubectlDrain {
    static func run(_ c: KubectlContext, _ cluster: inout Cluster) throws(KubectlError) -> KubectlOutput {
        let selecting = c.flags.has("selector")
        if c.args.isEmpty && !selecting {
            throw .message("error: USAGE: drain NODE [flags]\nSee 'kubectl drain -h' for help and examples")
        }
        if !c.args.isEmpty && selecting {
            throw .message("error: error: cannot specify both a node name and a --selector option\nSee 'kubectl drain -h' for help and examples")
        }
        let dryRun = try c.flags.dryRun()
        let options = try settings(c.flags)
        let podSelector: LabelSelector
        do { podSelector = try LabelSelector.parse(c.flags.value("pod-selector") ?? "") } catch {
            throw .message("error: --pod-selector=<pod_selector> must be a valid label selector")
        }
        let nodesResource = KubectlCreate.resource("nodes")
        var nodes: [StoredObject] = []
        if selecting {
            nodes = try KubectlResources.list(cluster, nodesResource, flags: c.flags)
        } else {
            for name in c.args { nodes.append(try KubectlResources.get(cluster, nodesResource, namespace: "", name: name)) }
        }
        var output = KubectlOutput()
        if c.flags.has("delete-local-data") {
            output.err += "Flag --delete-local-data has been deprecated, This option is deprecated and will be deleted. Use --delete-emptydir-data.\n"
        }
        // RunCordonOrUncordon(true).
        for node in nodes {
            if node.value.at(["spec", "unschedulable"])?.bool ?? false {
                output.out += "node/\(node.name) already cordoned\(dryRun.kubectlSuffix)\n"
                continue
            }
            if dryRun != .client {
                try KubectlEdit.write(node, node.value.setting(["spec", "unschedulable"], true), &cluster, dryRun: dryRun)
            }
            output.out += "node/\(node.name) cordoned\(dryRun.kubectlSuffix)\n"
        }
        var failures: [String] = []
        var pending: [String] = []
        for node in nodes {
            if let error = drainNode(node.name, c, &cluster, options: options, podSelector: podSelector, dryRun: dryRun, &output) {
                output.err += "error: unable to drain node \(GoText.quote(node.name)) due to error: \(error), continuing command...\n"
                failures.append(error)
                pending.append(node.name)
                continue
            }
            output.out += "node/\(node.name) drained\(dryRun.kubectlSuffix)\n"
        }
        if !pending.isEmpty {
            output.err += "There are pending nodes to be drained:\n" + pending.map { " \($0)\n" }.joined()
            for failure in failures { output.fail(failure) }
            output.err += DrainMessages.explanation(failures)
        }
        return output
    }

    struct Settings {
        var filter = DrainPodList.Options()
        var gracePeriod: Int64?
        /// Milliseconds; 0 waits forever.
        var timeout: Int64 = 0
        var disableEviction = false
    }

    static func settings(_ flags: KubectlFlags) throws(KubectlError) -> Settings {
        var s = Settings()
        s.filter.force = flags.bool("force")
        s.filter.ignoreDaemonSets = flags.bool("ignore-daemonsets")
        s.filter.deleteEmptyDirData = flags.bool("delete-emptydir-data") || flags.bool("delete-local-data")
        s.disableEviction = flags.bool("disable-eviction")
        if let text = flags.value("grace-period") {
            guard let n = Int64(text) else {
                throw .usage("invalid argument \(GoText.quote(text)) for \"--grace-period\" flag: strconv.ParseInt: parsing \(GoText.quote(text)): invalid syntax", verb: "drain")
            }
            s.gracePeriod = n >= 0 ? n : nil
        }
        if let ms = try flags.duration("timeout", verb: "drain") { s.timeout = max(ms, 0) }
        return s
    }

    /// `deleteOrEvictPodsSimple` for one node: nil when drained, else the error text.
    static func drainNode(_ node: String, _ c: KubectlContext, _ cluster: inout Cluster, options: Settings, podSelector: LabelSelector,
                          dryRun: DryRun, _ output: inout KubectlOutput) -> String? {
        let list: DrainPodList
        switch podsForDeletion(node, cluster, options: options, podSelector: podSelector) {
        case .failure(let error): return error.text
        case .success(let l): list = l
        }
        if !list.errors.isEmpty { return DrainEviction.aggregate(list.errors) }
        if !list.warnings.isEmpty { output.err += "Warning: \(list.warnings)\n" }
        if dryRun == .client {
            for pod in list.pods { output.out += "evicting pod \(pod.namespace)/\(pod.name) (dry run)\n" }
            return nil
        }
        var eviction = DrainEviction(pods: list.pods, settings: options, dryRun: dryRun)
        guard let error = eviction.run(&cluster, &output) else { return nil }
        if case .success(let again) = podsForDeletion(node, cluster, options: options, podSelector: podSelector), !again.pods.isEmpty {
            output.err += "There are pending pods in node \(GoText.quote(node)) when an error occurred: \(error)\n"
            output.err += again.pods.map { "pod/\($0.name)\n" }.joined()
        }
        return error
    }

    /// `GetPodsForDeletion`: the node's pods (a `list` across namespaces with the field
    /// selector `spec.nodeName`), filtered.
    struct Failure: Error {
        var text: String
    }

    static func podsForDeletion(_ node: String, _ cluster: Cluster, options: Settings, podSelector: LabelSelector) -> Result<DrainPodList, Failure> {
        let pods = KubectlCreate.resource("pods")
        do { try cluster.api.authorize("list", pods, namespace: nil) } catch { return .failure(Failure(text: error.statusMessage)) }
        let onNode = cluster.api.list(pods, namespace: nil, selector: podSelector).filter { $0.value.at(["spec", "nodeName"])?.string == node }
        let daemonSets = KubectlCreate.resource("daemonsets.apps")
        let list = DrainPodList(pods: onNode, options: options.filter) { namespace, name in
            do throws(APIError) {
                _ = try cluster.api.get(daemonSets, namespace: namespace, name: name)
                return .success(())
            } catch {
                return .failure(error)
            }
        }
        return .success(list)
    }
}
