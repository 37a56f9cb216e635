import Testing
@testable import YAML

/// go-yaml v2's scalar rules as kubectl applies them (goyaml.v2/resolve.go), one row each.
@Suite struct KubernetesSchemaTests {
    static func plain(_ text: String) throws(YAMLError) -> Value {
        let node = Node(.scalar(text, .plain), mark: Mark())
        return try Value(node: node, schema: .kubernetes)
    }

    @Test(arguments: [
        // YAML 1.1 booleans: resolve.go resolveMapList
        ("y", Value.bool(true)), ("Y", true), ("yes", true), ("Yes", true), ("YES", true), ("on", true), ("On", true), ("ON", true),
        ("true", true), ("True", true), ("TRUE", true),
        ("n", false), ("N", false), ("no", false), ("NO", false), ("off", false), ("Off", false), ("false", false), ("FALSE", false),
        ("yEs", "yEs"), ("tRue", "tRue"),
        // null forms
        ("", nil), ("~", nil), ("null", nil), ("Null", nil), ("NULL", nil), ("nULL", "nULL"),
        // ints: ParseInt base 0 after removing '_'
        ("0", 0), ("-17", -17), ("+5", 5), ("1_000", 1000), ("0x1F", 31), ("0X1f", 31), ("-0x10", -16),
        ("0o17", 15), ("0644", 420), ("0b101", 5), ("-0b101", -5), ("0b-1", -1),
        ("9223372036854775807", .int(Int64.max)), ("-9223372036854775808", .int(Int64.min)),
        // leading zero but not octal: not an int, but yamlStyleFloat matches
        ("08", .float(8)), ("09.5", .float(9.5)),
        // beyond int64: uint64 / float / big.Int, all floats once the API server reads them
        // (2^64 is the Double nearest to 2^64 - 1)
        ("18446744073709551615", .float(18446744073709551616)), ("99999999999999999999", .float(1e20)),
        // floats: yamlStyleFloat on the text without '_'
        ("1.5", 1.5), ("1e3", .float(1000)), ("-.5", -0.5), (".5", 0.5), ("1.", .float(1)), ("1_0.5", 10.5), ("6.02e+23", 6.02e23),
        ("1e400", "1e400"), ("1e", "1e"), ("0x1p3", "0x1p3"),
        // timestamps stay text; sexagesimal is a string for go-yaml v2
        ("2024-01-02", "2024-01-02"), ("2001-12-14t21:59:43.10-05:00", "2001-12-14t21:59:43.10-05:00"), ("190:20:30", "190:20:30"),
        // everything else
        ("-", "-"), ("+", "+"), (".", "."), ("..", ".."), ("nginx", "nginx"), ("<<", "<<"),
    ] as [(String, Value)])
    func plainScalars(_ text: String, _ expected: Value) throws {
        let got = try Self.plain(text)
        #expect(got == expected, "\(text)")
        if case .int = expected { #expect(got.int == expected.int) }
    }

    @Test func infinityAndNaNAreNotJSON() {
        for text in [".inf", "-.Inf", "+.INF", ".nan"] {
            #expect(throws: YAMLError.self) { try Self.plain(text) }
            do { _ = try Self.plain(text) } catch { #expect(error.kind == .unsupportedValue(text)) }
        }
    }

    @Test func explicitTags() throws {
        func tagged(_ tag: String, _ text: String, _ style: ScalarStyle = .plain) throws(YAMLError) -> Value {
            try Value(node: Node(.scalar(text, style), tag: tag, mark: Mark()), schema: .kubernetes)
        }
        #expect(try tagged(Tag.str, "123") == "123")
        #expect(try tagged(Tag.int, "12", .doubleQuoted) == 12)
        #expect(try tagged(Tag.float, "12") == .float(12))
        #expect(try tagged(Tag.bool, "yes") == true)
        #expect(try tagged(Tag.null, "~") == nil)
        #expect(try tagged("!", "123") == "123")
        #expect(try tagged("!local", "123") == "123")
        #expect(try tagged(Tag.binary, "aG9s\nYQ==") == "hola")
        #expect(try tagged(Tag.timestamp, "2024-01-02") == "2024-01-02")
        for (tag, text) in [(Tag.int, "abc"), (Tag.int, "1.5"), (Tag.bool, "1"), (Tag.null, "x"), (Tag.binary, "!!"), (Tag.timestamp, "x")] {
            do {
                _ = try tagged(tag, text)
                Issue.record("\(tag) \(text) accepted")
            } catch {
                #expect(error.kind == .invalidValue(tag: tag, value: text))
            }
        }
    }

    @Test func quotedScalarsAreStrings() throws {
        for style in [ScalarStyle.singleQuoted, .doubleQuoted, .literal, .folded] {
            let v = try Value(node: Node(.scalar("true", style), tag: "!", mark: Mark()), schema: .kubernetes)
            #expect(v == "true")
        }
    }

    @Test func floatKeysUse32BitShortestText() {
        #expect(GoFloat.g(1.5, float32: true) == "1.5")
        #expect(GoFloat.g(0.1, float32: true) == "0.1")
        #expect(GoFloat.g(3.14159265, float32: true) == "3.1415927")
        #expect(GoFloat.g(1e6, float32: true) == "1e+06")
        #expect(GoFloat.g(123456, float32: true) == "123456")
        #expect(GoFloat.g(1e-5, float32: true) == "1e-05")
        #expect(GoFloat.g(1.0, float32: true) == "1")
        #expect(GoFloat.g(1e300, float32: true) == ".inf")
    }
}
