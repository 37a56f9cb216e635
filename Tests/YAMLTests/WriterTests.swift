import Testing
@testable import YAML

/// JSONWriter against Go's json.Marshal, YAMLWriter against the real kubectl.
@Suite struct WriterTests {
    @Test func jsonLikeGo() {
        let v: Value = ["b": [1, 2.5, nil, true], "a": "<x & y>\n\t\"q\"\u{2028}", "c": .float(1e21), "d": .float(1e-7), "e": .float(100), "f": .float(-0.0)]
        #expect(JSONWriter.string(v) == #"{"a":"\u003cx \u0026 y\u003e\n\t\"q\"\u2028","b":[1,2.5,null,true],"c":1e+21,"d":1e-7,"e":100,"f":-0}"#)
        #expect(JSONWriter.string(v, sortKeys: false).hasPrefix(#"{"b":"#))
        #expect(JSONWriter.string(["\u{1}": 0.000001]) == #"{"\u0001":0.000001}"#)
        #expect(GoFloat.json(1.2345678901234568e20) == "123456789012345680000")
        #expect(GoFloat.json(0.1 + 0.2) == "0.30000000000000004")
    }

    /// Collection keys (core schema) become JSON-like text with inner keys written raw, so
    /// the text grows with the key, not twice per nesting level (fuzzer timeout f392…:
    /// thirty nested `? :` keys in 207 bytes).
    @Test func collectionKeysStayLinear() throws {
        let one = try YAML.load(Array("? {b: [1, {c: d}], a: x}\n: v\n".utf8), file: "k.yaml", schema: .core)
        #expect(JSONWriter.string(one[0]) == #"{"{\"a\":\"x\",\"b\":[1,{\"c\":\"d\"}]}":"v"}"#)
        let nested = try YAML.load(Array("? {? {? {? [1]: a}: b}: c}: d\n: e\n".utf8), file: "k.yaml", schema: .core)
        #expect(JSONWriter.string(nested[0]) == #"{"{{{{[1]:\"a\"}:\"b\"}:\"c\"}:\"d\"}":"e"}"#)
        var deep = ""
        for _ in 0..<40 { deep += "? " }
        deep += "x\n"
        let docs = try YAML.load(Array(deep.utf8), file: "k.yaml", schema: .core)
        #expect(JSONWriter.bytes(docs[0]).count < 1_000)
    }

    /// Captured from `kubectl create configmap c --from-literal=… --dry-run=client -o yaml`
    /// (kubectl v1.32) on this machine.
    @Test func configMapLikeKubectl() {
        let words = Array(repeating: "word", count: 30).joined(separator: " ") + " end"
        let colons = Array(repeating: "x:", count: 30).joined(separator: " ") + " end"
        let data: Value = [
            "b60": "12:30", "colon": "a: b", "dash": "- x", "date": "2001-01-01", "dots": "...", "e": "",
            "emoji": "😀 hi", "hash": "a #b", "lead": " x", "long": .string(words), "longq": .string(colons),
            "ml": "l1\nl2", "ml2": "l1 \nl2", "ml3": "  l1\nl2", "tab": "a\tb", "ten": "0x1F", "trail": "x ", "y": "y",
        ]
        let cm: Value = ["apiVersion": "v1", "kind": "ConfigMap", "metadata": ["creationTimestamp": nil, "name": "c"], "data": data]
        let expected = """
            apiVersion: v1
            data:
              b60: "12:30"
              colon: 'a: b'
              dash: '- x'
              date: "2001-01-01"
              dots: '...'
              e: ""
              emoji: "\\U0001F600 hi"
              hash: 'a #b'
              lead: ' x'
              long: word word word word word word word word word word word word word word word
                word word word word word word word word word word word word word word word end
              longq: 'x: x: x: x: x: x: x: x: x: x: x: x: x: x: x: x: x: x: x: x: x: x: x: x:
                x: x: x: x: x: x: end'
              ml: |-
                l1
                l2
              ml2: "l1 \\nl2"
              ml3: |2-
                  l1
                l2
              tab: "a\\tb"
              ten: "0x1F"
              trail: 'x '
              "y": "y"
            kind: ConfigMap
            metadata:
              creationTimestamp: null
              name: c

            """
        #expect(YAMLWriter.string(cm) == expected)
    }

    /// Shape of `kubectl create deployment x --image=nginx --dry-run=client -o yaml`.
    @Test func deploymentLikeKubectl() {
        let pod: Value = ["containers": [["image": "nginx", "name": "nginx", "resources": [:]]]]
        let d: Value = [
            "apiVersion": "apps/v1", "kind": "Deployment",
            "metadata": ["creationTimestamp": nil, "labels": ["app": "x"], "name": "x"],
            "spec": ["replicas": 1, "selector": ["matchLabels": ["app": "x"]], "strategy": [:],
                     "template": ["metadata": ["creationTimestamp": nil, "labels": ["app": "x"]], "spec": pod]],
            "status": [:],
        ]
        let expected = """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              creationTimestamp: null
              labels:
                app: x
              name: x
            spec:
              replicas: 1
              selector:
                matchLabels:
                  app: x
              strategy: {}
              template:
                metadata:
                  creationTimestamp: null
                  labels:
                    app: x
                spec:
                  containers:
                  - image: nginx
                    name: nginx
                    resources: {}
            status: {}

            """
        #expect(YAMLWriter.string(d) == expected)
        #expect(YAMLWriter.string([[1, 2], ["a": "|x"], [], .float(1.0), .float(0.5)]) == "- - 1\n  - 2\n- a: '|x'\n- []\n- 1\n- 0.5\n")
    }

    @Test func goYAMLKeyOrder() {
        let keys = ["a10", "a2", "b", "A", "a-b", "ab", "_x", "1a", "1-"]
        #expect(keys.sorted(by: YAMLWriter.goYAMLLess) == ["_x", "1a", "1-", "A", "a-b", "a2", "a10", "ab", "b"])
    }

    /// `kubectl label --local -f t.yaml x=y -o json` (kubectl v1.32, offline) printed this
    /// spec for the document below; `.inf` instead gave
    /// `error converting YAML to JSON: json: unsupported value: +Inf`.
    @Test func loadAndJSONLikeKubectl() throws {
        let text = """
            spec:
              a: yes
              b: 0644
              c: 1e3
              d: 08
              e: 1.0
              f: 1_000
              g: 2024-01-02
              h: y
              i: 0b101
              1.5: x
              true: z
              j: 18446744073709551615
              base: &b {p: 1, q: 2}
              m:
                <<: *b
                q: 3
            """
        let v = try #require(try YAML.load(text, schema: .kubernetes).first?["spec"])
        #expect(JSONWriter.string(v) == #"{"1.5":"x","a":true,"b":420,"base":{"p":1,"q":2},"c":1000,"d":8,"e":1,"f":1000,"g":"2024-01-02","h":true,"i":5,"j":18446744073709552000,"m":{"p":1,"q":3},"true":"z"}"#)
        #expect(throws: YAMLError.self) { try YAML.load("a: .inf", schema: .kubernetes) }
    }
}
