import Testing
@testable import KubeAPI

/// Tables from k8s.io/apimachinery/pkg/api/resource/quantity_test.go
/// (`TestQuantityParse`, `TestQuantityString`, `TestQuantityParseEmit`, `TestQuantityCmp`).
@Suite struct QuantityTests {
    /// `TestQuantityString`: parsing `expect` keeps the text; parsing `alternate` gives `expect`.
    static let canonical: [(expect: String, alternate: String)] = [
        ("1Gi", "1024Mi"), ("300Mi", "307200Ki"), ("6Ki", ""), ("1001Gi", "1025024Mi"), ("1Ti", "1024Gi"),
        ("5", "5000m"), ("500m", "0.5"), ("1G", "1000M"), ("1G", "0.001T"), ("1m", "1000u"), ("80m", ""),
        ("1080m", "1.08"), ("1080m", "1080000000n"), ("300M", ""), ("1T", ""), ("1E", ""), ("1e21", "1000E"),
        ("5e21", "5000E"), ("1e24", "1000000E"), ("1234567M", ""), ("1234567m", ""), ("3k", ""), ("1025", ""),
        ("0", ""), ("1e9", ".001e12"), ("1e-3", "0.001e0"), ("1e-9", "1000e-12"), ("80e-3", ""), ("300e6", ""),
        ("1e12", ""), ("1e3", ""), ("3e3", ""), ("0", "00"), ("1n", ""), ("80n", ""), ("1080n", ""), ("1u", ""),
        ("80u", ""), ("1080u", ""),
    ]

    @Test(arguments: canonical.indices)
    func canonicalForm(_ i: Int) throws {
        let (expect, alternate) = Self.canonical[i]
        #expect(try Quantity(parsing: expect).canonical == expect)
        if !alternate.isEmpty { #expect(try Quantity(parsing: alternate).canonical == expect) }
        if expect != "0" { #expect(try Quantity(parsing: "-" + expect).canonical == "-" + expect) }
    }

    /// `TestQuantityParseEmit` plus the course's own examples.
    @Test func parseEmit() throws {
        let table = [("1Ki", "1Ki"), ("1Mi", "1Mi"), ("1Gi", "1Gi"), ("1024Mi", "1Gi"), ("1000M", "1G"),
                     (".001Ki", "1024m"), (".000001Ki", "1024u"), (".000000001Ki", "1024n"), (".000000000001Ki", "2n"),
                     ("500m", "500m"), ("0.5", "500m"), ("1.5", "1500m"), ("2e3", "2e3"), ("1000Mi", "1000Mi"),
                     ("100M", "100M"), ("0.1", "100m"), ("128974848", "128974848"), ("129e6", "129e6"),
                     ("123Mi", "123Mi"), ("3.001n", "4n"), ("9Ei", "9223372036854775807"), ("0.5Mi", "512Ki")]
        for (input, expect) in table {
            #expect(try Quantity(parsing: input).canonical == expect, "\(input)")
        }
    }

    /// `TestQuantityAdd` cases and the sums `kubectl describe node` prints (format of the
    /// first non-zero addend, canonical text).
    @Test func add() throws {
        let table: [(String, String, String)] = [
            ("10", "10", "20"), ("10", "1", "11"), ("1", "10", "11"), ("100m", "100m", "200m"), ("500m", "1", "1500m"),
            ("128Mi", "128Mi", "256Mi"), ("1Gi", "512Mi", "1536Mi"), ("100M", "28Mi", "129360128"), ("0", "64Mi", "64Mi"),
            ("1", "-1", "0"), ("-2", "1", "-1"), ("9223372036854775807", "1", "9223372036854775808"),
        ]
        for (a, b, sum) in table {
            #expect(try Quantity(parsing: a).adding(Quantity(parsing: b)).canonical == sum, "\(a) + \(b)")
        }
        #expect(try Quantity.zero.adding(Quantity(parsing: "250m")).canonical == "250m")
        #expect(Quantity.zero.canonical == "0")
    }

    /// `TestQuantityParse` values (decQuantity(v, scale) = v × 10^scale) and formats.
    @Test func parseValues() throws {
        let table: [(String, Int64, Int, Quantity.Format)] = [
            ("0", 0, 0, .decimalSI), ("0Ki", 0, 0, .binarySI), ("1Ki", 1024, 0, .binarySI),
            ("5n", 5, -9, .decimalSI), ("50k", 5, 4, .decimalSI), ("1E-3", 1, -3, .decimalExponent),
            ("100.035k", 100035, 0, .decimalSI), ("0.0005k", 5, -1, .decimalSI), ("0.5e-2", 5, -3, .decimalExponent),
            ("1.3E+6", 13, 5, .decimalExponent), ("6.987654321G", 6987654321, 0, .decimalSI),
            ("3.001n", 4, -9, .decimalSI), ("1.1E-9", 2, -9, .decimalExponent), ("0.00000012345", 124, -9, .decimalSI),
            ("100.035Ki", 10243584, -2, .binarySI), ("0.05Gi", 536870912, -1, .binarySI),
            ("0.000000000001Ki", 2, -9, .decimalSI), (".0001k", 100, -3, .decimalSI), ("1.", 1, 0, .decimalSI),
            ("1.G", 1, 9, .decimalSI), ("12E", 12, 18, .decimalSI),
        ]
        for (input, value, scale, format) in table {
            let q = try Quantity(parsing: input)
            #expect(q.amount == BigDecimal(value, scale: -scale) || q.compare(Quantity(amount: BigDecimal(value, scale: -scale), format: format)) == 0, "\(input)")
            #expect(q.format == format, "\(input)")
            let negative = try Quantity(parsing: "-" + input)
            #expect(negative.compare(Quantity(amount: BigDecimal(-value, scale: -scale), format: format)) == 0, "-\(input)")
        }
        #expect(try Quantity(parsing: "9Ei").value == Int64.max)
    }

    @Test func invalid() {
        for text in ["1.1.M", "1+1.0M", "0.1mi", "0.1am", "aoeu", ".5i", "1i", "-3.01i", "-3.01e-", " 1", "1 ", "", "true"] {
            #expect(throws: QuantityError.self, "\(text)") { try Quantity(parsing: text) }
        }
        #expect(throws: QuantityError.suffix) { try Quantity(parsing: "1K") }
        #expect(throws: QuantityError.formatWrong) { try Quantity(parsing: "512Mb") }
        #expect(throws: QuantityError.formatWrong) { try Quantity(parsing: "abc") }
        #expect(QuantityError.formatWrong.message
            == "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'")
    }

    @Test func valuesAndComparison() throws {
        #expect(try Quantity(parsing: "500m").milliValue == 500)
        #expect(try Quantity(parsing: "0.5").milliValue == 500)
        #expect(try Quantity(parsing: "1").milliValue == 1000)
        #expect(try Quantity(parsing: "1Gi").value == 1 << 30)
        #expect(try Quantity(parsing: "1n").milliValue == 1)  // rounds away from zero
        #expect(try Quantity(parsing: "9.01").scaledValue(0) == 10)
        #expect(try Quantity(parsing: "-9.01").scaledValue(0) == -10)
        #expect(try Quantity(parsing: "100m") > Quantity(parsing: "50m"))
        #expect(try Quantity(parsing: "10000T") > Quantity(parsing: "100Gi"))
        #expect(try Quantity(parsing: "1Gi") == Quantity(parsing: "1024Mi"))
        #expect(try Quantity(parsing: "0.5") == Quantity(parsing: "500m"))
        #expect(try Quantity(parsing: "1k").hashValue == Quantity(parsing: "1000").hashValue)
    }

    /// Parsing is remembered per text: a second parse of the same text, valid or not, answers
    /// exactly as the first (value, written form, error).
    @Test func repeatedParsesAgree() {
        for text in ["500m", "1.5", "2e3", "1Gi", "0.5", "123456789012345678901234567890", "1.2.3", "5Zi", "", "-0"] {
            func parse() -> Result<Quantity, QuantityError> { Result { () throws(QuantityError) in try Quantity(parsing: text) } }
            let first = parse(), second = parse()
            switch (first, second) {
            case (.success(let a), .success(let b)):
                #expect(a == b && a.canonical == b.canonical, "\(text)")
            case (.failure(let a), .failure(let b)):
                #expect(a == b, "\(text)")
            default:
                Issue.record("\(text): \(first) then \(second)")
            }
        }
    }
}
