import YAML

typealias YAMLValue = Value

enum KubectlRolloutSample {
    static func deployment(_ status: String) -> Value {
        (try? YAML.load("metadata: {name: web, generation: 1}\nspec: {replicas: 3}\nstatus: {\(status)}\n").first) ?? .null
    }
}
