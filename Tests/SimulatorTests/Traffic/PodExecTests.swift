import KubeAPI
import Testing
import YAML
@testable import Simulator

/// `kubectl exec` inside the simulated containers: the tools' own texts.
@Suite struct PodExecTests {
    static let base = trafficDeployment("web", replicas: 1) + trafficService("web") + trafficClient() + trafficClient("viejo", image: "busybox:1.28")
        + trafficClient("nginx", labels: "{rol: nginx}", image: "nginx:1.27").replacingAll("command: [sleep, \"3600\"]", with: "ports: [{containerPort: 80}]")

    @Test func wgetTexts() throws {
        var c = try trafficCluster(Self.base)
        let ip = c.serviceIP("web")
        #expect(c.run("cliente", "wget", "-qO-", "http://web").out.hasSuffix("</html>\n"))
        let loud = c.run("cliente", "wget", "-O-", "web")
        #expect(loud.err == """
            Connecting to web (\(ip):80)
            writing to stdout
            -                    100% |********************************|   615  0:00:00 ETA
            written to stdout

            """)
        let saved = c.run("cliente", "wget", "http://web/index.html")
        #expect(saved.err.hasSuffix("saving to 'index.html'\nindex.html           100% |********************************|   615  0:00:00 ETA\n'index.html' saved\n"))
        #expect(c.run("cliente", "wget", "-q", "nadie") == ("", "wget: bad address 'nadie'\n", 1))
        #expect(c.run("cliente", "wget", "-q", "web:81").err == "wget: can't connect to remote host (\(ip)): Connection timed out\n")
        #expect(c.run("cliente", "wget", "-q", "-T", "5", "web:81").err == "wget: download timed out\n")
        #expect(c.run("cliente", "wget", "-qO-", "web/nada").err == "wget: server returned error: HTTP/1.1 404 Not Found\n")
        let podIP = try #require(c.pod("web")?.value["status"]?["podIP"]?.string)
        #expect(c.run("cliente", "wget", "-q", "\(podIP):8080").err == "wget: can't connect to remote host (\(podIP)): Connection refused\n")
    }

    @Test func nslookupBothBusyboxes() throws {
        var c = try trafficCluster(Self.base)
        let ip = c.serviceIP("web")
        #expect(c.run("cliente", "nslookup", "web").out == """
            Server:\t\t10.96.0.10
            Address:\t10.96.0.10:53

            Name:\tweb.default.svc.cluster.local
            Address: \(ip)

            ** server can't find web.svc.cluster.local: NXDOMAIN

            ** server can't find web.cluster.local: NXDOMAIN


            ** server can't find web.svc.cluster.local: NXDOMAIN

            ** server can't find web.cluster.local: NXDOMAIN


            """)
        // A name with a dot is asked as written (busybox does not apply ndots).
        #expect(c.run("cliente", "nslookup", "web.default").out.contains("** server can't find web.default: NXDOMAIN\n"))
        #expect(c.run("viejo", "nslookup", "web") == ("""
            Server:    10.96.0.10
            Address 1: 10.96.0.10 kube-dns.kube-system.svc.cluster.local

            Name:      web
            Address 1: \(ip) web.default.svc.cluster.local

            """, "", 0))
        #expect(c.run("viejo", "nslookup", "nadie").err == "nslookup: can't resolve 'nadie'\n")
    }

    @Test func curlTexts() throws {
        var c = try trafficCluster(Self.base)
        #expect(c.run("nginx", "curl", "-s", "web").out.hasPrefix("<!DOCTYPE html>"))
        #expect(c.run("nginx", "curl", "web").err == """
              % Total    % Received % Xferd  Average Speed   Time    Time     Time  Current
                                             Dload  Upload   Total   Spent    Left  Speed
            100   615  100   615    0     0   600k      0 --:--:-- --:--:-- --:--:--  600k

            """)
        #expect(c.run("nginx", "curl", "-s", "-o", "/dev/null", "-w", "%{http_code}\\n", "web/x").out == "404\n")
        #expect(c.run("nginx", "curl", "-sS", "nadie") == ("", "curl: (6) Could not resolve host: nadie\n", 6))
        #expect(c.run("nginx", "curl", "-sS", "-m", "3", "web:81").err == "curl: (28) Connection timed out after 3001 milliseconds\n")
        let podIP = try #require(c.pod("web")?.value["status"]?["podIP"]?.string)
        #expect(c.run("nginx", "curl", "-sS", "\(podIP):8080")
                == ("", "curl: (7) Failed to connect to \(podIP) port 8080 after 0 ms: Couldn't connect to server\n", 7))
        #expect(c.run("nginx", "curl", "-sf", "web/nada").code == 22)
    }

    @Test func executablesAndShells() throws {
        var c = try trafficCluster(Self.base + trafficDeployment("eco", image: "hashicorp/http-echo:1.0", replicas: 1, ports: "[{containerPort: 5678}]"))
        let client = try #require(c.pod("cliente"))
        guard case .notFound(let exe, let id, true, let tools) = c.exec(pod: client.key, container: "cliente", command: ["curl", "web"]) else {
            Issue.record("busybox no trae curl"); return
        }
        #expect(exe == "curl" && id.count == 64 && tools == ["nslookup", "wget"])
        let eco = try #require(c.pod("eco"))
        guard case .notFound("sh", _, false, []) = c.exec(pod: eco.key, container: "eco", command: ["sh"]) else {
            Issue.record("http-echo no tiene shell"); return
        }
        #expect(c.run("cliente", "sh", "-c", "curl web") == ("", "sh: curl: not found\n", 127))
        #expect(c.run("nginx", "sh", "-c", "wget web") == ("", "sh: 1: wget: not found\n", 127))
        #expect(c.run("cliente", "sh", "-c", "false || echo $? && hostname | grep -c cli; exit 3").out == "1\n1\n")
        #expect(c.run("cliente", "sh", "-c", "exit 3").code == 3)
        #expect(c.exec(pod: client.key, container: "cliente", command: ["sh"]) == .interactive(shell: "sh"))
    }

    @Test func filesAndEnvironment() throws {
        let config = """
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: ajustes, namespace: default}
        data: {modo: produccion, nivel: "3"}
        ---
        apiVersion: v1
        kind: Secret
        metadata: {name: claves, namespace: default}
        stringData: {clave: s3creta}
        ---
        apiVersion: v1
        kind: Pod
        metadata: {name: lector, namespace: default, labels: {app: lector}}
        spec:
          containers:
          - name: lector
            image: busybox:1.37
            command: [sleep, "3600"]
            env: [{name: MODO, valueFrom: {configMapKeyRef: {name: ajustes, key: modo}}}]
            volumeMounts:
            - {name: config, mountPath: /etc/config}
            - {name: secreto, mountPath: /etc/secreto, readOnly: true}
            - {name: todo, mountPath: /etc/todo}
          volumes:
          - {name: config, configMap: {name: ajustes}}
          - {name: secreto, secret: {secretName: claves}}
          - name: todo
            projected:
              sources:
              - configMap: {name: ajustes, items: [{key: nivel, path: sub/nivel.txt}]}
              - downwardAPI: {items: [{path: etiquetas, fieldRef: {fieldPath: metadata.labels}}]}
        """
        var c = try trafficCluster(trafficService("web") + config)
        #expect(c.run("lector", "cat", "/etc/config/modo").out == "produccion")
        #expect(c.run("lector", "ls", "/etc/config").out == "modo\nnivel\n")
        #expect(c.run("lector", "cat", "/etc/secreto/clave").out == "s3creta")
        #expect(c.run("lector", "cat", "/etc/todo/sub/nivel.txt").out == "3")
        #expect(c.run("lector", "cat", "/etc/todo/etiquetas").out == "app=\"lector\"")
        #expect(c.run("lector", "cat", "/etc/nada") == ("", "cat: can't open '/etc/nada': No such file or directory\n", 1))
        #expect(c.run("lector", "cat", "/etc/hosts").out.hasSuffix("\tlector\n"))
        let env = c.run("lector", "env").out
        #expect(env.hasPrefix("PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin\nHOSTNAME=lector\nMODO=produccion\n"))
        #expect(env.contains("WEB_SERVICE_HOST=\(c.serviceIP("web"))\nWEB_SERVICE_PORT=80\nWEB_SERVICE_PORT_HTTP=80\nWEB_PORT=tcp://\(c.serviceIP("web")):80\n"))
        #expect(env.contains("KUBERNETES_SERVICE_HOST=10.96.0.1\n") && env.hasSuffix("HOME=/root\n"))
    }

    @Test func containerStates() throws {
        var c = try trafficCluster(trafficClient(), settle: .milliseconds(100))
        let pod = try #require(c.pod("cliente"))
        #expect(c.exec(pod: pod.key, container: "cliente", command: ["ls"]) == .containerNotFound)
    }
}
