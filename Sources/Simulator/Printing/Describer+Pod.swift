import YAML

/// describe.go `describePod`, `describeContainers`, `DescribePodTemplate`, `describeVolumes`.
extension Describer {
    static func pod(_ o: Value, now: Timestamp, _ w: inout PrefixWriter) {
        w.write(0, "Name:\t\(o.name)\n")
        w.write(0, "Namespace:\t\(o.namespace)\n")
        if let p = o.at("spec", "priority")?.int { w.write(0, "Priority:\t\(p)\n") }
        if let p = o.str("spec", "priorityClassName").nonEmpty { w.write(0, "Priority Class Name:\t\(p)\n") }
        if let s = o.str("spec", "serviceAccountName").nonEmpty { w.write(0, "Service Account:\t\(s)\n") }
        let node = o.str("spec", "nodeName")
        w.write(0, node.isEmpty ? "Node:\t<none>\n" : "Node:\t\(node)/\(o.str("status", "hostIP"))\n")
        if let t = time(o.at("status", "startTime")) { w.write(0, "Start Time:\t\(t)\n") }
        w.labels("Labels", o.stringMap("metadata", "labels"))
        w.annotations(o.stringMap("metadata", "annotations"))
        let phase = o.str("status", "phase")
        if o.hasDeletionTimestamp, phase != "Failed", phase != "Succeeded" {
            w.write(0, "Status:\tTerminating (lasts \(HumanDuration.since(o.at("metadata", "deletionTimestamp"), now: now)))\n")
            w.write(0, "Termination Grace Period:\t\(o.int("metadata", "deletionGracePeriodSeconds"))s\n")
        } else {
            w.write(0, "Status:\t\(phase)\n")
        }
        if let r = o.str("status", "reason").nonEmpty { w.write(0, "Reason:\t\(r)\n") }
        if let m = o.str("status", "message").nonEmpty { w.write(0, "Message:\t\(m)\n") }
        w.write(0, "IP:\t\(o.str("status", "podIP"))\n")
        let ips = o.seq("status", "podIPs")
        if ips.isEmpty {
            w.write(0, "IPs:\t<none>\n")
        } else {
            w.write(0, "IPs:\n")
            for ip in ips { w.write(1, "IP:\t\(ip.str("ip"))\n") }
        }
        if let c = controller(o) { w.write(0, "Controlled By:\t\(c)\n") }
        if let n = o.str("status", "nominatedNodeName").nonEmpty { w.write(0, "NominatedNodeName:\t\(n)\n") }
        let spec = o["spec"] ?? .null
        if !spec.seq("initContainers").isEmpty {
            containers("Init Containers", spec.seq("initContainers"), o.seq("status", "initContainerStatuses"), space: "", &w)
        }
        containers("Containers", spec.seq("containers"), o.seq("status", "containerStatuses"), space: "", &w)
        let conditions = o.seq("status", "conditions")
        if !conditions.isEmpty {
            w.write(0, "Conditions:\n  Type\tStatus\n")
            for c in conditions { w.write(1, "\(c.str("type")) \t\(c.str("status")) \n") }
        }
        volumes(spec.seq("volumes"), space: "", &w)
        w.write(0, "QoS Class:\t\(o.str("status", "qosClass"))\n")
        w.labels("Node-Selectors", spec.stringMap("nodeSelector"))
        tolerations(spec.seq("tolerations"), &w)
    }

    static func time(_ v: Value?) -> String? { v?.string.flatMap(Timestamp.init(rfc3339:))?.rfc1123Z }

    static func controller(_ o: Value) -> String? {
        o.seq("metadata", "ownerReferences").first { $0["controller"]?.bool == true }.map { "\($0.str("kind"))/\($0.str("name"))" }
    }

    static func containers(_ label: String, _ list: [Value], _ statuses: [Value], space: String, _ w: inout PrefixWriter) {
        w.write(0, "\(space)\(label):\(list.isEmpty ? " <none>" : "")\n")
        for c in list {
            let status = statuses.first { $0.str("name") == c.str("name") }
            w.write(1, "\(space.isEmpty ? "" : " ")\(c.str("name")):\n")
            if let status { w.write(2, "Container ID:\t\(status.str("containerID"))\n") }
            w.write(2, "Image:\t\(c.str("image"))\n")
            if let status { w.write(2, "Image ID:\t\(status.str("imageID"))\n") }
            let ports = c.seq("ports").map { "\($0.int("containerPort"))/\($0.str("protocol"))" }.joined(separator: ", ")
            let hostPorts = c.seq("ports").map { "\($0.int("hostPort"))/\($0.str("protocol"))" }.joined(separator: ", ")
            w.write(2, ports.contains(",") ? "Ports:\t\(ports)\n" : "Port:\t\(ports.nonEmpty ?? "<none>")\n")
            w.write(2, hostPorts.contains(",") ? "Host Ports:\t\(hostPorts)\n" : "Host Port:\t\(hostPorts.nonEmpty ?? "<none>")\n")
            for key in ["command", "args"] where !c.seq(key).isEmpty {
                w.write(2, key == "command" ? "Command:\n" : "Args:\n")
                for part in c.seq(key) {
                    for line in (part.string ?? "").split(separator: "\n", omittingEmptySubsequences: false) { w.write(3, "\(line)\n") }
                }
            }
            if let status {
                state("State", status["state"] ?? .null, &w)
                if status.at("lastState", "terminated") != nil { state("Last State", status["lastState"] ?? .null, &w) }
                w.write(2, "Ready:\t\(status["ready"]?.bool == true ? "True" : "False")\n")
                w.write(2, "Restart Count:\t\(status.int("restartCount"))\n")
            }
            for (title, key) in [("Limits", "limits"), ("Requests", "requests")] {
                let values = c.stringMap("resources", key)
                if !values.isEmpty { w.write(2, "\(title):\n") }
                for (k, v) in values.sorted(by: { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }) { w.write(3, "\(k):\t\(v)\n") }
            }
            for (title, key) in [("Liveness", "livenessProbe"), ("Readiness", "readinessProbe"), ("Startup", "startupProbe")] {
                if let p = c[key], !p.isNull { w.write(2, "\(title):\t\(probe(p))\n") }
            }
            if !c.seq("envFrom").isEmpty {
                w.write(2, "Environment Variables from:\n")
                for e in c.seq("envFrom") {
                    let ref = e["configMapRef"] ?? e["secretRef"] ?? .null
                    let from = e["configMapRef"] != nil ? "ConfigMap" : "Secret"
                    let optional = ref["optional"]?.bool == true
                    let prefix = e.str("prefix")
                    w.write(3, prefix.isEmpty ? "\(ref.str("name"))\t\(from)\tOptional: \(optional)\n"
                                              : "\(ref.str("name"))\t\(from) with prefix '\(prefix)'\tOptional: \(optional)\n")
                }
            }
            w.write(2, "Environment:\(c.seq("env").isEmpty ? "\t<none>" : "")\n")
            for e in c.seq("env") {
                if let from = e["valueFrom"], !from.isNull {
                    if let f = from["fieldRef"] {
                        w.write(3, "\(e.str("name")):\t (\(f.str("apiVersion")):\(f.str("fieldPath")))\n")
                    } else if let r = from["resourceFieldRef"] {
                        w.write(3, "\(e.str("name")):\t (\(r.str("resource")))\n")
                    } else if let s = from["secretKeyRef"] {
                        w.write(3, "\(e.str("name")):\t<set to the key '\(s.str("key"))' in secret '\(s.str("name"))'>\tOptional: \(s["optional"]?.bool == true)\n")
                    } else if let m = from["configMapKeyRef"] {
                        w.write(3, "\(e.str("name")):\t<set to the key '\(m.str("key"))' of config map '\(m.str("name"))'>\tOptional: \(m["optional"]?.bool == true)\n")
                    }
                    continue
                }
                for (i, line) in e.str("value").split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                    w.write(3, i == 0 ? "\(e.str("name")):\t\(line)\n" : "\t\(line)\n")
                }
            }
            let mounts = c.seq("volumeMounts").sorted { $0.str("mountPath").utf8.lexicographicallyPrecedes($1.str("mountPath").utf8) }
            w.write(2, "Mounts:\(mounts.isEmpty ? "\t<none>" : "")\n")
            for m in mounts {
                var flags = [m["readOnly"]?.bool == true ? "ro" : "rw"]
                if let sub = m.str("subPath").nonEmpty { flags.append("path=\"\(sub)\"") }
                w.write(3, "\(m.str("mountPath")) from \(m.str("name")) (\(flags.joined(separator: ",")))\n")
            }
        }
    }

    static func state(_ name: String, _ s: Value, _ w: inout PrefixWriter) {
        if let r = s["running"], !r.isNull {
            w.write(2, "\(name):\tRunning\n")
            w.write(3, "Started:\t\(time(r["startedAt"]) ?? "Thu, 01 Jan 1970 00:00:00 +0000")\n")
        } else if let t = s["terminated"], !t.isNull {
            w.write(2, "\(name):\tTerminated\n")
            if let r = t.str("reason").nonEmpty { w.write(3, "Reason:\t\(r)\n") }
            if let m = t.str("message").nonEmpty { w.write(3, "Message:\t\(m)\n") }
            w.write(3, "Exit Code:\t\(t.int("exitCode"))\n")
            if t.int("signal") > 0 { w.write(3, "Signal:\t\(t.int("signal"))\n") }
            w.write(3, "Started:\t\(time(t["startedAt"]) ?? "Thu, 01 Jan 1970 00:00:00 +0000")\n")
            w.write(3, "Finished:\t\(time(t["finishedAt"]) ?? "Thu, 01 Jan 1970 00:00:00 +0000")\n")
        } else {
            w.write(2, "\(name):\tWaiting\n")
            if let r = s.str("waiting", "reason").nonEmpty { w.write(3, "Reason:\t\(r)\n") }
        }
    }

    /// `DescribeProbe`.
    static func probe(_ p: Value) -> String {
        let attrs = "delay=\(p.int("initialDelaySeconds"))s timeout=\(p.int("timeoutSeconds"))s period=\(p.int("periodSeconds"))s #success=\(p.int("successThreshold")) #failure=\(p.int("failureThreshold"))"
        func port(_ v: Value?) -> String { v?.string ?? v?.int.map(String.init) ?? "" }
        if let e = p["exec"] { return "exec [\(e.seq("command").compactMap(\.string).joined(separator: " "))] \(attrs)" }
        if let h = p["httpGet"] {
            let host = h.str("host").contains(":") ? "[\(h.str("host"))]" : h.str("host")
            return "http-get \(h.str("scheme").lowercased())://\(host):\(port(h["port"]))\(h.str("path")) \(attrs)"
        }
        if let t = p["tcpSocket"] { return "tcp-socket \(t.str("host")):\(port(t["port"])) \(attrs)" }
        if let g = p["grpc"] { return "grpc <pod>:\(g.int("port")) \(g.str("service")) \(attrs)" }
        return "unknown \(attrs)"
    }

    static func volumes(_ list: [Value], space: String, _ w: inout PrefixWriter) {
        if list.isEmpty { w.write(0, "\(space)Volumes:\t<none>\n"); return }
        w.write(0, "\(space)Volumes:\n")
        for v in list {
            w.write(1, "\(space.isEmpty ? "" : " ")\(v.str("name")):\n")
            if let e = v["emptyDir"] {
                w.write(2, "Type:\tEmptyDir (a temporary directory that shares a pod's lifetime)\n    Medium:\t\(e.str("medium"))\n    SizeLimit:\t\(e.str("sizeLimit").nonEmpty ?? "<unset>")\n")
            } else if let c = v["configMap"] {
                w.write(2, "Type:\tConfigMap (a volume populated by a ConfigMap)\n    Name:\t\(c.str("name"))\n    Optional:\t\(c["optional"]?.bool == true)\n")
            } else if let s = v["secret"] {
                w.write(2, "Type:\tSecret (a volume populated by a Secret)\n    SecretName:\t\(s.str("secretName"))\n    Optional:\t\(s["optional"]?.bool == true)\n")
            } else if let c = v["persistentVolumeClaim"] {
                w.write(2, "Type:\tPersistentVolumeClaim (a reference to a PersistentVolumeClaim in the same namespace)\n    ClaimName:\t\(c.str("claimName"))\n    ReadOnly:\t\(c["readOnly"]?.bool == true)\n")
            } else if let h = v["hostPath"] {
                w.write(2, "Type:\tHostPath (bare host directory volume)\n    Path:\t\(h.str("path"))\n    HostPathType:\t\(h.str("type"))\n")
            } else if let p = v["projected"] {
                w.write(2, "Type:\tProjected (a volume that contains injected data from multiple sources)\n")
                // kubectl 1.32 prints the sources' `optional` with %v of a *bool: `<nil>` when
                // unset. Set, Go prints the pointer's address; the value is printed instead.
                func optional(_ v: Value) -> String { v["optional"]?.bool.map(String.init) ?? "<nil>" }
                for s in p.seq("sources") {
                    if let sec = s["secret"] { w.write(2, "SecretName:\t\(sec.str("name"))\n    SecretOptionalName:\t\(optional(sec))\n") }
                    else if s["downwardAPI"] != nil { w.write(2, "DownwardAPI:\ttrue\n") }
                    else if let c = s["configMap"] { w.write(2, "ConfigMapName:\t\(c.str("name"))\n    ConfigMapOptional:\t\(optional(c))\n") }
                    else if let t = s["serviceAccountToken"] { w.write(2, "TokenExpirationSeconds:\t\(t.int("expirationSeconds"))\n") }
                }
            } else {
                w.write(1, "<unknown>\n")
            }
        }
    }

    /// `printPodTolerationsMultiline`: continuation lines start with a bare tab, also when
    /// the title is indented (`  Tolerations` in a pod template).
    static func tolerations(_ list: [Value], title: String = "Tolerations", _ w: inout PrefixWriter) {
        w.write(0, "\(title):\t")
        if list.isEmpty { w.write(0, "<none>\n"); return }
        let sorted = list.enumerated().sorted { a, b in
            a.element.str("key") == b.element.str("key") ? a.offset < b.offset : a.element.str("key").utf8.lexicographicallyPrecedes(b.element.str("key").utf8)
        }.map(\.element)
        for (i, t) in sorted.enumerated() {
            if i != 0 { w.write(0, "\t") }
            var line = t.str("key")
            if let v = t.str("value").nonEmpty { line += "=\(v)" }
            if let e = t.str("effect").nonEmpty { line += ":\(e)" }
            if t.str("operator") == "Exists", t.str("value").isEmpty {
                line += (t.str("key").isEmpty && t.str("effect").isEmpty) ? "op=Exists" : " op=Exists"
            }
            if let s = t["tolerationSeconds"]?.int { line += " for \(s)s" }
            w.write(0, line + "\n")
        }
    }
}
