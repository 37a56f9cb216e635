/// Public entry points to the apiserver's name and label rules, for the simulator (label
/// selector parsing, controllers' `generateName` prefixes). The rules themselves live in
/// `Names.swift`; this file only exposes them.
public enum NameRules {
    /// `content.IsLabelKey` / `IsQualifiedName` (k8s.io/apimachinery/pkg/util/validation):
    /// the error details for a label key, empty when valid.
    public static func labelKeyErrors(_ key: String) -> [String] { Names.qualifiedName(key) }

    /// `IsValidLabelValue`: the error details for a label value, empty when valid.
    public static func labelValueErrors(_ value: String) -> [String] { Names.labelValue(value) }

    /// `ValidatePodName(prefix, true)`: a `generateName` prefix for pods (DNS-1123 subdomain,
    /// trailing dash allowed).
    public static func podNamePrefixErrors(_ prefix: String) -> [String] {
        NameRule.dns1123Subdomain.messages(prefix, prefix: true)
    }
}
