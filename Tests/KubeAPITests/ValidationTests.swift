import Testing
import YAML
@testable import KubeAPI

/// Each rule: a failing case with the exact kubectl text, and a passing case.
@Suite struct ValidationTests {
    /// Loads, defaults and validates one object; returns kubectl's message ("" when valid).
    static func kubectl(_ yaml: String, update old: String? = nil) throws -> String {
        let object = try YAML.load(yaml, file: "t.yaml")[0]
        let kind = object["kind"]!.string!, apiVersion = object["apiVersion"]!.string!
        let new = Defaults.apply(to: object, kind: kind, apiVersion: apiVersion)
        let errors: [FieldError]
        if let old {
            let before = Defaults.apply(to: try YAML.load(old, file: "old.yaml")[0], kind: kind, apiVersion: apiVersion)
            errors = Validation.validateUpdate(old: before, new: new, kind: kind, apiVersion: apiVersion)
        } else {
            errors = Validation.validate(new, kind: kind, apiVersion: apiVersion)
        }
        if errors.isEmpty { return "" }
        return Validation.kubectlMessage(kind: kind, name: object["metadata"]?["name"]?.string ?? "", errors: errors)
    }

    /// `generateName` is checked with its trailing dash masked (`maskTrailingDash`): `web-` and
    /// `web--` pass, a lone `-` and upper case do not, and the length limit counts every byte.
    @Test func generateNameMasksOneTrailingDash() throws {
        func configMap(_ prefix: String) -> String { "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x, generateName: \"\(prefix)\"}\n" }
        #expect(try Self.kubectl(configMap("web-")) == "")
        #expect(try Self.kubectl(configMap("web--")) == "")
        let regex = "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')"
        #expect(try Self.kubectl(configMap("-")) == "The ConfigMap \"x\" is invalid: metadata.generateName: Invalid value: \"-\": \(regex)\n")
        #expect(try Self.kubectl(configMap("Web-")) == "The ConfigMap \"x\" is invalid: metadata.generateName: Invalid value: \"Web-\": \(regex)\n")
        let long = String(repeating: "a", count: 253) + "-"
        #expect(try Self.kubectl(configMap(long)).contains("metadata.generateName: Invalid value: \"\(long)\": must be no more than 253 characters"))
        #expect(try Self.kubectl(configMap(String(repeating: "a", count: 252) + "-")) == "")
    }

    static func deployment(name: String = "web", selector: String = "{matchLabels: {app: web}}", labels: String = "{app: web}", container: String = "{name: web, image: nginx:1.25}") -> String {
        """
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: \(name)}
        spec:
          selector: \(selector)
          template:
            metadata: {labels: \(labels)}
            spec:
              containers:
              - \(container)
        """
    }

    @Test func selectorMustMatchTemplateLabels() throws {
        #expect(try Self.kubectl(Self.deployment(labels: "{app: api}")) ==
            "The Deployment \"web\" is invalid: spec.template.metadata.labels: Invalid value: map[string]string{\"app\":\"api\"}: `selector` does not match template `labels`\n")
        #expect(try Self.kubectl(Self.deployment()) == "")
    }

    @Test func missingSelectorGivesTwoErrors() throws {
        let yaml = Self.deployment().replacingFirst("  selector: {matchLabels: {app: web}}\n", with: "")
        #expect(try Self.kubectl(yaml) == """
            The Deployment "web" is invalid: \n\
            * spec.selector: Required value
            * spec.template.metadata.labels: Invalid value: map[string]string{"app":"web"}: `selector` does not match template `labels`

            """)
    }

    @Test func emptySelector() throws {
        #expect(try Self.kubectl(Self.deployment(selector: "{}")) ==
            "The Deployment \"web\" is invalid: spec.selector: Invalid value: &LabelSelector{MatchLabels:map[string]string{},MatchExpressions:[]LabelSelectorRequirement{},}: empty selector is invalid for deployment\n")
    }

    @Test func names() throws {
        #expect(try Self.kubectl(Self.deployment(name: "web_1")) ==
            "The Deployment \"web_1\" is invalid: metadata.name: Invalid value: \"web_1\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')\n")
        #expect(try Self.kubectl("apiVersion: v1\nkind: Service\nmetadata: {name: 1web}\nspec: {ports: [{port: 80}]}") ==
            "The Service \"1web\" is invalid: metadata.name: Invalid value: \"1web\": a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')\n")
        #expect(try Self.kubectl("apiVersion: v1\nkind: Namespace\nmetadata: {name: dev.team}") ==
            "The Namespace \"dev.team\" is invalid: metadata.name: Invalid value: \"dev.team\": must not contain dots\n")
        #expect(try Self.kubectl("apiVersion: v1\nkind: ConfigMap\nmetadata: {labels: {a: b}}") ==
            "The ConfigMap \"\" is invalid: metadata.name: Required value: name or generateName is required\n")
        #expect(try Self.kubectl("apiVersion: v1\nkind: Namespace\nmetadata: {name: dev}") == "")
    }

    @Test func labelsAndAnnotations() throws {
        #expect(try Self.kubectl(Self.deployment(selector: "{matchLabels: {app: web}}", labels: "{app: web, tier: front end}")) ==
            "The Deployment \"web\" is invalid: spec.template.labels: Invalid value: \"front end\": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')\n")
        let big = String(repeating: "x", count: 262_145)
        let errors = Labels.validateAnnotations(["a": .string(big)], FieldPath("metadata").child("annotations"))
        #expect(errors.map(\.description) == ["metadata.annotations: Too long: must have at most 262144 bytes"])
        #expect(Labels.validateAnnotations(["example.com/Owner": "ana"], FieldPath("metadata.annotations")).isEmpty)
    }

    @Test func containers() throws {
        #expect(try Self.kubectl(Self.deployment(container: "{name: web}")) ==
            "The Deployment \"web\" is invalid: spec.template.spec.containers[0].image: Required value\n")
        let dup = Self.deployment(container: "{name: web, image: nginx}\n      - {name: web, image: redis}")
        #expect(try Self.kubectl(dup) == "The Deployment \"web\" is invalid: spec.template.spec.containers[1].name: Duplicate value: \"web\"\n")
        #expect(try Self.kubectl(Self.deployment(container: "{name: web, image: nginx, ports: [{containerPort: 70000}]}")) ==
            "The Deployment \"web\" is invalid: spec.template.spec.containers[0].ports[0].containerPort: Invalid value: 70000: must be between 1 and 65535, inclusive\n")
        #expect(try Self.kubectl(Self.deployment(container: "{name: web, image: nginx, env: [{name: A=B, value: x}]}")) ==
            "The Deployment \"web\" is invalid: spec.template.spec.containers[0].env[0].name: Invalid value: \"A=B\": a valid environment variable name must consist only of printable ASCII characters other than '='\n")
        #expect(try Self.kubectl(Self.deployment(container: "{name: web, image: nginx, ports: [{containerPort: 80}], env: [{name: DB_HOST, value: db}]}")) == "")
    }

    @Test func probes() throws {
        #expect(try Self.kubectl(Self.deployment(container: "{name: web, image: nginx, livenessProbe: {httpGet: {port: 80}, tcpSocket: {port: 80}}}")) ==
            "The Deployment \"web\" is invalid: spec.template.spec.containers[0].livenessProbe.tcpSocket: Forbidden: may not specify more than 1 handler type\n")
        #expect(try Self.kubectl(Self.deployment(container: "{name: web, image: nginx, readinessProbe: {periodSeconds: 5}}")) ==
            "The Deployment \"web\" is invalid: spec.template.spec.containers[0].readinessProbe: Required value: must specify a handler type\n")
        #expect(try Self.kubectl(Self.deployment(container: "{name: web, image: nginx, readinessProbe: {httpGet: {path: /healthz, port: 80}}}")) == "")
    }

    @Test func resources() throws {
        #expect(try Self.kubectl(Self.deployment(container: "{name: web, image: nginx, resources: {requests: {cpu: '1'}, limits: {cpu: 500m}}}")) ==
            "The Deployment \"web\" is invalid: spec.template.spec.containers[0].resources.requests: Invalid value: \"1\": must be less than or equal to cpu limit of 500m\n")
        #expect(try Self.kubectl(Self.deployment(container: "{name: web, image: nginx, resources: {requests: {memory: 1Gi}, limits: {memory: 1024Mi}}}")) == "")
        #expect(Validation.quantity(.string("1.5Gi"))?.canonical == "1536Mi")
        #expect(Validation.quantity(.string("0.5"))?.canonical == "500m")
        #expect(Validation.quantity(.string("2000m"))?.canonical == "2")
    }

    @Test func service() throws {
        func svc(_ spec: String) -> String { "apiVersion: v1\nkind: Service\nmetadata: {name: web}\nspec: \(spec)" }
        #expect(try Self.kubectl(svc("{type: Nodeport, ports: [{port: 80}]}")) ==
            "The Service \"web\" is invalid: spec.type: Unsupported value: \"Nodeport\": supported values: \"ClusterIP\", \"ExternalName\", \"LoadBalancer\", \"NodePort\"\n")
        #expect(try Self.kubectl(svc("{type: NodePort, ports: [{port: 80, nodePort: 80}]}")) ==
            "The Service \"web\" is invalid: spec.ports[0].nodePort: Invalid value: 80: provided port is not in the valid range. The range of valid ports is 30000-32767\n")
        #expect(try Self.kubectl(svc("{selector: {app: web}}")) == "The Service \"web\" is invalid: spec.ports: Required value\n")
        #expect(try Self.kubectl(svc("{ports: [{port: 80}, {port: 443}]}")) == """
            The Service "web" is invalid: \n\
            * spec.ports[0].name: Required value
            * spec.ports[1].name: Required value

            """)
        #expect(try Self.kubectl(svc("{type: NodePort, ports: [{port: 80, nodePort: 30080}]}")) == "")
    }

    @Test func secretBase64() throws {
        let secret = try YAML.load("apiVersion: v1\nkind: Secret\nmetadata: {name: s}\ndata: {password: 'hola mundo'}", file: "s.yaml")[0]
        #expect(Validation.secretDecodeError(secret) == "Secret in version \"v1\" cannot be handled as a Secret: illegal base64 data at input byte 4")
        #expect(Validation.secretDecodeError(["data": ["a": "aG9sYQ=="]]) == nil)
        #expect(Validation.secretDecodeError(["data": ["a": "aG9sYQ"]]) == "Secret in version \"v1\" cannot be handled as a Secret: illegal base64 data at input byte 4")
        #expect(Validation.secretDecodeError(["data": ["a": "aG9sYQ=x"]]) == "Secret in version \"v1\" cannot be handled as a Secret: illegal base64 data at input byte 6")
    }

    @Test func jobAndCronJob() throws {
        let job = "apiVersion: batch/v1\nkind: Job\nmetadata: {name: pi}\nspec: {template: {spec: {containers: [{name: pi, image: perl}]}}}"
        #expect(try Self.kubectl(job) ==
            "The Job \"pi\" is invalid: spec.template.spec.restartPolicy: Unsupported value: \"Always\": supported values: \"OnFailure\", \"Never\"\n")
        #expect(try Self.kubectl(job.replacingFirst("{containers:", with: "{restartPolicy: Never, containers:")) == "")
        func cron(_ schedule: String) -> String {
            "apiVersion: batch/v1\nkind: CronJob\nmetadata: {name: c}\nspec: {schedule: '\(schedule)', jobTemplate: {spec: {template: {spec: {restartPolicy: OnFailure, containers: [{name: c, image: busybox}]}}}}}"
        }
        #expect(try Self.kubectl(cron("* * * *")) ==
            "The CronJob \"c\" is invalid: spec.schedule: Invalid value: \"* * * *\": expected exactly 5 fields, found 4: [* * * *]\n")
        #expect(try Self.kubectl(cron("60 * * * *")) ==
            "The CronJob \"c\" is invalid: spec.schedule: Invalid value: \"60 * * * *\": end of range (60) above maximum (59): 60\n")
        #expect(try Self.kubectl(cron("*/5 * * * mon-fri")) == "")
    }

    @Test func pvcIngressHPA() throws {
        #expect(try Self.kubectl("apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata: {name: d}\nspec: {resources: {requests: {storage: 1Gi}}}") ==
            "The PersistentVolumeClaim \"d\" is invalid: spec.accessModes: Required value: at least 1 access mode is required\n")
        #expect(try Self.kubectl("apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata: {name: d}\nspec: {accessModes: [ReadWriteOnce]}") ==
            "The PersistentVolumeClaim \"d\" is invalid: spec.resources[storage]: Required value\n")
        let ingress = "apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {name: i}\nspec: {rules: [{http: {paths: [{path: /, backend: {service: {name: web, port: {number: 80}}}}]}}]}"
        #expect(try Self.kubectl(ingress) ==
            "The Ingress \"i\" is invalid: spec.rules[0].http.paths[0].pathType: Required value: pathType must be specified\n")
        #expect(try Self.kubectl(ingress.replacingFirst("{path: /,", with: "{path: /, pathType: Prefix,")) == "")
        let hpa = "apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata: {name: h}\nspec: {scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}, minReplicas: 3, maxReplicas: 2}"
        #expect(try Self.kubectl(hpa) ==
            "The HorizontalPodAutoscaler \"h\" is invalid: spec.maxReplicas: Invalid value: 2: must be greater than or equal to `minReplicas`\n")
    }

    @Test func immutableFieldsOnUpdate() throws {
        let old = Self.deployment()
        let new = Self.deployment(selector: "{matchLabels: {app: web2}}", labels: "{app: web2}")
        #expect(try Self.kubectl(new, update: old) ==
            "The Deployment \"web\" is invalid: spec.selector: Invalid value: &LabelSelector{MatchLabels:map[string]string{app: web2,},MatchExpressions:[]LabelSelectorRequirement{},}: field is immutable\n")
        #expect(try Self.kubectl(Self.deployment(container: "{name: web, image: nginx:1.26}"), update: old) == "")
        let svcOld = "apiVersion: v1\nkind: Service\nmetadata: {name: web}\nspec: {clusterIP: 10.96.0.10, ports: [{port: 80}]}"
        #expect(try Self.kubectl(svcOld.replacingFirst("10.96.0.10", with: "10.96.0.20"), update: svcOld) ==
            "The Service \"web\" is invalid: spec.clusterIPs[0]: Invalid value: []string{\"10.96.0.20\"}: may not change once set\n")
    }

    @Test func statusMessageAndSpanish() {
        let errors = [FieldError.required(FieldPath("spec.selector")), .required(FieldPath("spec.selector"))]
        #expect(Validation.statusMessage(kind: "Deployment", apiVersion: "apps/v1", name: "web", errors: errors) == "Deployment.apps \"web\" is invalid: spec.selector: Required value")
        let two = [FieldError.required(FieldPath("a")), .required(FieldPath("b"))]
        #expect(Validation.statusMessage(kind: "Pod", apiVersion: "v1", name: "p", errors: two) == "Pod \"p\" is invalid: [a: Required value, b: Required value]")
        for type in FieldError.ErrorType.allCases {
            let text = ValidationMessages.explain(FieldError(type: type, field: "spec.x", badValue: .string("y"), detail: ""))
            #expect(!text.explanation.isEmpty && !text.hint.isEmpty)
        }
        #expect(GoValue.quote("a\"b\n") == "\"a\\\"b\\n\"")
    }
}

extension String {
    func replacingFirst(_ target: String, with replacement: String) -> String {
        let chars = Array(self), t = Array(target)
        guard !t.isEmpty, chars.count >= t.count else { return self }
        for i in 0...(chars.count - t.count) where Array(chars[i..<(i + t.count)]) == t {
            return String(chars[..<i]) + replacement + String(chars[(i + t.count)...])
        }
        return self
    }
}
