import Foundation
import Testing
import YAML
@testable import KubeAPI

/// One test per error shape, each checked against the exact text kubectl prints (the
/// upstream source of each text is cited in `DecodeError+Kubectl.swift`; the first three
/// were also checked against the real kubectl v1.32, which prints them offline).
@Suite struct DecoderTests {
    func decode(_ text: String, file: String = "web.yaml") throws -> [Result<DecodedObject, DecodeError>] {
        try KubeDecoder().decodeAll(Array(text.utf8), file: file)
    }

    func failure(_ text: String) throws -> DecodeError {
        let results = try decode(text)
        guard case .failure(let error)? = results.first else {
            Issue.record("expected a failure for \(text)")
            return .invalidTypeInfo([], mark: Mark())
        }
        return error
    }

    static let deployment = """
    apiVersion: apps/v1
    kind: Deployment
    metadata:
      name: web
      labels:
        app: web
    spec:
      replicas: 2
      selector:
        matchLabels:
          app: web
      template:
        metadata:
          labels:
            app: web
        spec:
          containers:
          - name: nginx
            image: nginx:1.27
            ports:
            - containerPort: 80
            resources:
              limits:
                cpu: 500m
                memory: 128Mi
    """

    @Test func decodesAValidDeploymentWithMarks() throws {
        let results = try decode(Self.deployment)
        let object = try #require(try results.first?.get())
        #expect(object.kind == "Deployment" && object.apiVersion == "apps/v1" && object.resource.plural == "deployments")
        #expect(object.name == "web")
        let image = try #require(object.marks["spec.template.spec.containers[0].image"])
        #expect(image.key?.line == 19 && image.key?.column == 9)
        #expect(image.value.line == 19 && image.value.column == 16)
        #expect(object.marks["metadata.labels.app"]?.value.line == 6)
        #expect(object.mark("spec.template.spec.containers[0].nothing")?.line == 18)
        #expect(object.value["spec"]?["replicas"] == .int(2))
    }

    @Test func missingApiVersionAndKind() throws {
        let error = try failure("metadata:\n  name: web\n")
        #expect(error == .invalidTypeInfo([.apiVersionNotSet, .kindNotSet], mark: error.mark))
        #expect(error.kubectlMessage(source: "none.yaml") == """
            error: error validating "none.yaml": error validating data: [apiVersion not set, kind not set]; \
            if you choose to ignore these errors, turn validation off with --validate=false
            """)
        let kindOnly = try failure("apiVersion: apps/v1\nmetadata:\n  name: web\n")
        #expect(kindOnly.kubectlMessage(source: "nokind.yaml") == """
            error: error validating "nokind.yaml": error validating data: kind not set; \
            if you choose to ignore these errors, turn validation off with --validate=false
            """)
        let types = try failure("apiVersion: 5\nkind: true\n")
        #expect(types.kubectlMessage(source: "bad.yaml").contains("[apiVersion isn't string type, kind isn't string type]"))
        #expect(types.mark.line == 2)
        let gv = try failure("apiVersion: a/b/c\nkind: X\n")
        #expect(gv.kubectlMessage(source: "bad2.yaml").contains("error validating data: unexpected GroupVersion string: a/b/c;"))
        #expect(try failure("- a\n").kubectlMessage(source: "list.yaml").contains("error validating data: invalid object to validate;"))
        let empty = try failure("apiVersion: v1\nkind: \"\"\n")
        #expect(empty.kubectlMessage(source: "emptyk.yaml")
            == #"error: unable to decode "emptyk.yaml": Object 'Kind' is missing in '{"apiVersion":"v1","kind":""}'"#)
        #expect(!error.explanation.isEmpty && error.hint != nil)
    }

    @Test func unknownKind() throws {
        let error = try failure("apiVersion: apps/v1\nkind: Deploymnet\nmetadata:\n  name: web\n")
        guard case .noKindMatch(let info) = error else { Issue.record("\(error)"); return }
        #expect(info.suggestion == .typo(kind: "Deployment", apiVersion: "apps/v1"))
        #expect(info.mark.line == 2 && info.mark.column == 7)
        #expect(error.kubectlMessage(source: "web.yaml") == """
            error: resource mapping not found for name: "web" namespace: "" from "web.yaml": \
            no matches for kind "Deploymnet" in version "apps/v1"
            ensure CRDs are installed first
            """)
        #expect(error.hint?.contains("kind: Deployment") == true)
        let old = try failure("apiVersion: extensions/v1beta1\nkind: Ingress\nmetadata:\n  name: web\n  namespace: demo\n")
        guard case .noKindMatch(let oldInfo) = old else { Issue.record("\(old)"); return }
        #expect(oldInfo.namespace == "demo" && oldInfo.mark.line == 1)
        #expect(old.hint == "Esa versión de la API se eliminó en Kubernetes 1.22: usa «apiVersion: networking.k8s.io/v1».")
        let lower = try failure("apiVersion: apps/v1\nkind: deployment\n")
        guard case .noKindMatch(let lowerInfo) = lower else { Issue.record("\(lower)"); return }
        #expect(lowerInfo.suggestion == .wrongCase(kind: "Deployment", apiVersion: "apps/v1"))
    }

    @Test func strictUnknownFields() throws {
        let text = Self.deployment.replacingOccurrences(of: "    image: nginx:1.27", with: "    imagen: nginx:1.27")
        let error = try failure(text)
        guard case .strictDecoding(let resource, let fields) = error else { Issue.record("\(error)"); return }
        #expect(resource.kind == "Deployment")
        #expect(fields.map { $0.path } == ["spec.template.spec.containers[0].imagen"])
        #expect(fields[0].mark.line == 19 && fields[0].mark.column == 9)
        #expect(error.kubectlMessage(source: "web.yaml") == """
            Error from server (BadRequest): error when creating "web.yaml": Deployment in version "v1" cannot be \
            handled as a Deployment: strict decoding error: unknown field "spec.template.spec.containers[0].imagen"
            """)
        // Several: joined by ", ", in the order of the JSON kubectl sends (sorted keys).
        let two = try failure("apiVersion: v1\nkind: Service\nmetadata:\n  name: s\n  app: x\nspec:\n  selectr: {}\n  ports:\n  - port: 80\n    targetport: 8080\n")
        #expect(two.decodeMessage == #"strict decoding error: unknown field "metadata.app", unknown field "spec.ports[0].targetport", unknown field "spec.selectr""#)
    }

    @Test func typeErrors() throws {
        let port = Self.deployment.replacingOccurrences(of: "containerPort: 80", with: "containerPort: \"80\"")
        let error = try failure(port)
        guard case .typeMismatch(_, let info) = error else { Issue.record("\(error)"); return }
        #expect(info.path == "spec.template.spec.containers[0].ports[0].containerPort")
        #expect(info.mark.line == 21)
        #expect(error.kubectlMessage(source: "web.yaml") == """
            Error from server (BadRequest): error when creating "web.yaml": Deployment in version "v1" cannot be \
            handled as a Deployment: json: cannot unmarshal string into Go struct field \
            ContainerPort.spec.template.spec.containers.ports.containerPort of type int32
            """)
        let env = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: c\n    image: busybox\n    env:\n    - name: DEBUG\n      value: yes\n"
        #expect(try failure(env).decodeMessage
            == "json: cannot unmarshal bool into Go struct field EnvVar.spec.containers.env.value of type string")
        let cm = try failure("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\ndata:\n  a: 1\n")
        #expect(cm.decodeMessage == "json: cannot unmarshal number into Go struct field ConfigMap.data of type string")
        #expect(cm.kubectlMessage(source: "cm.yaml").hasPrefix(#"Error from server (BadRequest): error when creating "cm.yaml": ConfigMap in version "v1" cannot be handled as a ConfigMap: json"#))
        let replicas = Self.deployment.replacingOccurrences(of: "replicas: 2", with: "replicas: 1.5")
        #expect(try failure(replicas).decodeMessage
            == "json: cannot unmarshal number 1.5 into Go struct field DeploymentSpec.spec.replicas of type int32")
        let containers = try failure("apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers: nginx\n")
        #expect(containers.decodeMessage == "json: cannot unmarshal string into Go struct field PodSpec.spec.containers of type []v1.Container")
        let labels = try failure("apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  labels:\n  - app\n")
        #expect(labels.decodeMessage == "json: cannot unmarshal array into Go struct field ObjectMeta.metadata.labels of type map[string]string")
        let target = try failure("apiVersion: v1\nkind: Service\nmetadata:\n  name: s\nspec:\n  ports:\n  - port: 80\n    targetPort: true\n")
        #expect(target.decodeMessage == "json: cannot unmarshal bool into Go struct field ServicePort.spec.ports.targetPort of type int32")
        // A type error wins over unknown fields.
        let both = try failure("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n  nombre: x\ndata:\n  a: 1\n")
        guard case .typeMismatch = both else { Issue.record("\(both)"); return }
    }

    @Test func fieldDecoderErrors() throws {
        let cpu = Self.deployment.replacingOccurrences(of: "cpu: 500m", with: "cpu: 500 m")
        let error = try failure(cpu)
        guard case .invalidValue(_, let info) = error else { Issue.record("\(error)"); return }
        #expect(info.reason == InvalidValue.Reason.quantity(.formatWrong) && info.mark.line == 24)
        #expect(error.decodeMessage == "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'")
        let mb = try failure(Self.deployment.replacingOccurrences(of: "memory: 128Mi", with: "memory: 128MB"))
        #expect(mb.decodeMessage == QuantityError.formatWrong.message)  // "B" is not a suffix letter
        let k = try failure(Self.deployment.replacingOccurrences(of: "cpu: 500m", with: "cpu: 1K"))
        #expect(k.decodeMessage == "unable to parse quantity's suffix")
        let number = try decode(Self.deployment.replacingOccurrences(of: "cpu: 500m", with: "cpu: 0.5"))
        #expect((try? number.first?.get()) != nil)
        let secret = try failure("apiVersion: v1\nkind: Secret\nmetadata:\n  name: s\ndata:\n  password: hunter2\n")
        #expect(secret.decodeMessage == "illegal base64 data at input byte 4")
        let fine = try decode("apiVersion: v1\nkind: Secret\nmetadata:\n  name: s\ndata:\n  password: aHVudGVyMg==\n")
        #expect((try? fine.first?.get()) != nil)
        let time = try failure("apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  creationTimestamp: ayer\n")
        #expect(time.decodeMessage == #"parsing time "ayer" as "2006-01-02T15:04:05Z07:00": cannot parse "ayer" as "2006""#)
    }

    @Test func emptyDocumentsAreSkipped() throws {
        let results = try decode("---\n---\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: demo\n---\n")
        #expect(results.count == 1)
        #expect(GoBase64.corruptOffset("aGk=") == nil && GoBase64.corruptOffset("aGk") == 0 && GoBase64.corruptOffset("a=b=") == 1)
    }
}
