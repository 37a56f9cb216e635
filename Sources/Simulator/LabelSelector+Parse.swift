import KubeAPI

// kubectl's `-l` syntax, parsed as k8s.io/apimachinery/pkg/labels/selector.go `Parse` does:
// the same lexer (special symbols `= ! ( ) , > <`, whitespace `' ' \t \r \n`), the same
// two parser contexts (`in`/`notin` are identifiers where values are expected), the same
// error texts.
//
//   <selector-syntax>         ::= <requirement> | <requirement> "," <selector-syntax>
//   <requirement>             ::= [!] KEY [ <set-based-restriction> | <exact-match-restriction> ]
//   <set-based-restriction>   ::= "" | <inclusion-exclusion> <value-set>
//   <inclusion-exclusion>     ::= "in" | "notin"
//   <value-set>               ::= "(" <values> ")"
//   <exact-match-restriction> ::= ["="|"=="|"!="] VALUE
extension LabelSelector {
    enum Token: Equatable {
        case error, endOfString, closedPar, comma, doesNotExist, doubleEquals, equals, greaterThan
        case identifier, `in`, lessThan, notEquals, notIn, openPar
    }

    static let symbols: [String: Token] = [
        ")": .closedPar, ",": .comma, "!": .doesNotExist, "==": .doubleEquals, "=": .equals, ">": .greaterThan,
        "in": .in, "<": .lessThan, "!=": .notEquals, "notin": .notIn, "(": .openPar,
    ]

    /// `Lexer.Lex` over the whole input (`Parser.scan`).
    static func scan(_ text: String) -> [(Token, String)] {
        let b = Array(text.utf8)
        var i = 0
        var items: [(Token, String)] = []
        func isSpace(_ c: UInt8) -> Bool { c == 32 || c == 9 || c == 13 || c == 10 }
        func isSpecial(_ c: UInt8) -> Bool { [61, 33, 40, 41, 44, 62, 60].contains(c) } // = ! ( ) , > <
        while true {
            while i < b.count, isSpace(b[i]) { i += 1 }
            // Go's lexer reads byte 0 as end of input.
            guard i < b.count, b[i] != 0 else {
                items.append((.endOfString, ""))
                return items
            }
            let start = i
            if isSpecial(b[i]) {
                // scanSpecialSymbol: the longest run of special bytes that is still a token.
                var last: (Token, String)?
                var j = i
                while j < b.count, isSpecial(b[j]) {
                    let candidate = String(decoding: b[i...j], as: UTF8.self)
                    if let token = symbols[candidate] {
                        last = (token, candidate)
                    } else if last != nil {
                        break
                    }
                    j += 1
                }
                if let last {
                    items.append(last)
                    i = start + last.1.utf8.count
                } else {
                    items.append((.error, "error expected: keyword found '\(String(decoding: b[i..<j], as: UTF8.self))'"))
                    i = j
                }
            } else {
                while i < b.count, b[i] != 0, !isSpecial(b[i]), !isSpace(b[i]) { i += 1 }
                let word = String(decoding: b[start..<i], as: UTF8.self)
                items.append((symbols[word] ?? .identifier, word))
            }
        }
    }

    /// `labels.Parse`: kubectl's `-l` text as a selector.
    public static func parse(_ text: String) throws(LabelSelectorError) -> LabelSelector {
        var p = Parser(items: scan(text))
        return LabelSelector(requirements: try p.parse())
    }

    struct Parser {
        var items: [(Token, String)]
        var position = 0

        /// `lookahead`/`consume` in the Values context turn `in`/`notin` into identifiers.
        func lookahead(values: Bool = true) -> (Token, String) {
            let (t, l) = items[min(position, items.count - 1)]
            return (values && (t == .in || t == .notIn) ? .identifier : t, l)
        }

        mutating func consume(values: Bool = true) -> (Token, String) {
            let item = lookahead(values: values)
            position += 1
            return item
        }

        static func fail(_ found: String, _ expected: String, inRequirement: Bool = true) -> LabelSelectorError {
            LabelSelectorError(.unexpected(found: found, expected: expected), inRequirement: inRequirement)
        }

        mutating func parse() throws(LabelSelectorError) -> [Requirement] {
            var requirements: [Requirement] = []
            while true {
                let (t, l) = lookahead()
                switch t {
                case .identifier, .doesNotExist:
                    requirements.append(try parseRequirement())
                    let (t2, l2) = consume()
                    switch t2 {
                    case .endOfString: return requirements
                    case .comma:
                        let (t3, l3) = lookahead()
                        if t3 != .identifier && t3 != .doesNotExist {
                            throw Parser.fail(l3, "identifier after ','", inRequirement: false)
                        }
                    default: throw Parser.fail(l2, "',' or 'end of string'", inRequirement: false)
                    }
                case .endOfString: return requirements
                default: throw Parser.fail(l, "!, identifier, or 'end of string'", inRequirement: false)
                }
            }
        }

        mutating func parseRequirement() throws(LabelSelectorError) -> Requirement {
            var (t, key) = consume()
            var op: Operator?
            if t == .doesNotExist {
                op = .doesNotExist
                (t, key) = consume()
            }
            guard t == .identifier else { throw Parser.fail(key, "identifier") }
            let keyErrors = NameRules.labelKeyErrors(key)
            if !keyErrors.isEmpty {
                // validateLabelKey with the parser's nil path: the field prints empty.
                throw LabelSelectorError(.invalidRequirement([FieldError(type: .invalid, field: "", badValue: .string(key), detail: keyErrors.joined(separator: "; "))]), inRequirement: true)
            }
            let (next, _) = lookahead()
            if next == .endOfString || next == .comma {
                return try wrap { () throws(LabelSelectorError) in try LabelSelector.requirement(key, op ?? .exists, []) }
            }
            if op == .doesNotExist { return try wrap { () throws(LabelSelectorError) in try LabelSelector.requirement(key, .doesNotExist, []) } }
            let (opToken, opText) = consume(values: false)
            let binary: Operator
            switch opToken {
            case .in: binary = .in
            case .equals: binary = .equals
            case .doubleEquals: binary = .doubleEquals
            case .greaterThan: binary = .greaterThan
            case .lessThan: binary = .lessThan
            case .notIn: binary = .notIn
            case .notEquals: binary = .notEquals
            default: throw Parser.fail(opText, "in, notin, =, ==, !=, gt, lt")
            }
            let values = binary == .in || binary == .notIn ? try parseValues() : try parseExactValue()
            let sorted = Array(Set(values)).sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
            return try wrap { () throws(LabelSelectorError) in try LabelSelector.requirement(key, binary, sorted) }
        }

        func wrap(_ body: () throws(LabelSelectorError) -> Requirement) throws(LabelSelectorError) -> Requirement {
            do { return try body() } catch {
                var e = error
                e.inRequirement = true
                throw e
            }
        }

        mutating func parseValues() throws(LabelSelectorError) -> [String] {
            let (t, l) = consume()
            guard t == .openPar else { throw LabelSelectorError(.missingOpenParenthesis(found: l), inRequirement: true) }
            let (t2, l2) = lookahead()
            switch t2 {
            case .identifier, .comma:
                let list = try parseIdentifiersList()
                if consume().0 != .closedPar { throw Parser.fail(l2, "')'") }
                return list
            case .closedPar:
                _ = consume()
                return [""]
            default: throw Parser.fail(l2, "',', ')' or identifier")
            }
        }

        mutating func parseIdentifiersList() throws(LabelSelectorError) -> [String] {
            var list: [String] = []
            while true {
                let (t, l) = consume()
                switch t {
                case .identifier:
                    list.append(l)
                    let (t2, l2) = lookahead()
                    switch t2 {
                    case .comma: continue
                    case .closedPar: return list
                    default: throw Parser.fail(l2, "',' or ')'")
                    }
                case .comma:
                    if list.isEmpty { list.append("") }
                    let (t2, _) = lookahead()
                    if t2 == .closedPar { list.append(""); return list }
                    if t2 == .comma { list.append("") }
                default: throw Parser.fail(l, "',', or identifier")
                }
            }
        }

        mutating func parseExactValue() throws(LabelSelectorError) -> [String] {
            let (t, _) = lookahead()
            if t == .endOfString || t == .comma { return [""] }
            let (t2, l2) = consume()
            if t2 == .identifier { return [l2] }
            throw Parser.fail(l2, "identifier")
        }
    }
}
