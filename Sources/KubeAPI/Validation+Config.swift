import YAML

// ConfigMap and Secret validation. Source: pkg/apis/core/validation/validation.go
// (ValidateConfigMap, ValidateSecret, ValidateSecretUpdate): keys are config keys, the total
// size is at most 1 MiB (core.MaxSecretSize), typed Secrets need their keys.
extension Validation {
    static let maxSecretSize = 1 * 1024 * 1024

    static func configMap(_ o: Value) -> [FieldError] {
        var errs = objectMeta(o, rule: .dns1123Subdomain)
        var total = 0
        var seen: Set<String> = []
        for (section, isBinary) in [("data", false), ("binaryData", true)] {
            for pair in o[section]?.mapping ?? [] {
                let key = pair.key.string ?? ""
                errs += Names.configMapKey(key).map { .invalid(FieldPath(section).key(key), .string(key), $0) }
                if !seen.insert(key).inserted {
                    errs.append(.invalid(FieldPath(section).key(key), .string(key), "duplicate of key present in data"))
                }
                let value = pair.value.string ?? ""
                total += isBinary ? (GoBase64.decode(value).bytes?.count ?? value.utf8.count) : value.utf8.count
            }
        }
        if total > maxSecretSize { errs.append(.tooLong(FieldPath(""), maxBytes: maxSecretSize)) }
        return errs
    }

    static func secret(_ o: Value) -> [FieldError] {
        var errs = objectMeta(o, rule: .dns1123Subdomain)
        let dataPath = FieldPath("data")
        var total = 0
        var keys: Set<String> = []
        for pair in o["data"]?.mapping ?? [] {
            let key = pair.key.string ?? ""
            keys.insert(key)
            errs += Names.configMapKey(key).map { .invalid(dataPath.key(key), .string(key), $0) }
            total += GoBase64.decode(pair.value.string ?? "").bytes?.count ?? 0
        }
        if total > maxSecretSize { errs.append(.tooLong(dataPath, maxBytes: maxSecretSize)) }
        switch o["type"]?.string ?? "" {
        case "kubernetes.io/tls":
            for key in ["tls.crt", "tls.key"] where !keys.contains(key) { errs.append(.required(dataPath.key(key))) }
        case "kubernetes.io/dockerconfigjson":
            if !keys.contains(".dockerconfigjson") { errs.append(.required(dataPath.key(".dockerconfigjson"))) }
        case "kubernetes.io/basic-auth":
            if !keys.contains("username") && !keys.contains("password") {
                errs.append(.required(dataPath.key("username")))
                errs.append(.required(dataPath.key("password")))
            }
        case "kubernetes.io/ssh-auth":
            if !keys.contains("ssh-privatekey") { errs.append(.required(dataPath.key("ssh-privatekey"))) }
        default: break
        }
        return errs
    }

    /// The error the apiserver returns *before* validation when a Secret's `data` holds a value
    /// that is not standard base64: decoding JSON into `[]byte` fails with Go's
    /// `base64.CorruptInputError` and the handler wraps it
    /// (staging/src/k8s.io/apiserver/pkg/endpoints/handlers/rest.go, transformDecodeError).
    /// kubectl prints it as `Error from server (BadRequest): error when creating "s.yaml": …`.
    /// Keys are tried in the order the JSON carries them (kubectl sends them sorted).
    public static func secretDecodeError(_ secret: Value) -> String? {
        let pairs = (secret["data"]?.mapping ?? []).sorted { GoValue.goLess($0.key.string ?? "", $1.key.string ?? "") }
        for pair in pairs {
            if case .failure(let offset) = GoBase64.decode(pair.value.string ?? "") {
                return "Secret in version \"v1\" cannot be handled as a Secret: illegal base64 data at input byte \(offset)"
            }
        }
        return nil
    }
}
