import YAML

/// Go's `time.Parse(time.RFC3339, s)` failure message, as metav1.Time `UnmarshalJSON`
/// returns it (k8s.io/apimachinery/pkg/apis/meta/v1/time.go; Go time/format.go `Parse`,
/// `ParseError.Error`). MicroTime uses the layout with microseconds
/// (`2006-01-02T15:04:05.000000Z07:00`), whose parse accepts the same texts.
enum GoTime {
    static let layout = "2006-01-02T15:04:05Z07:00"
    static let microLayout = "2006-01-02T15:04:05.000000Z07:00"

    /// nil when the text parses.
    static func parseError(_ text: String, micro: Bool = false) -> String? {
        let layout = micro ? microLayout : layout
        let v = Array(text.unicodeScalars)
        var i = 0
        func rest() -> String { String(String.UnicodeScalarView(v[i...])) }
        func cannot(_ element: String) -> String {
            "parsing time \(goQuote(text)) as \(goQuote(layout)): cannot parse \(goQuote(rest())) as \(goQuote(element))"
        }
        func range(_ what: String) -> String { "parsing time \(goQuote(text)): \(what) out of range" }
        func digits(_ count: Int) -> Int? {
            guard i + count <= v.count else { return nil }
            var n = 0
            for k in i..<(i + count) {
                guard let d = v[k].properties.numericType != nil ? Int(String(v[k])) : nil, v[k].isASCII else { return nil }
                n = n * 10 + d
            }
            i += count
            return n
        }
        func literal(_ s: String) -> Bool {
            let l = Array(s.unicodeScalars)
            guard i + l.count <= v.count, Array(v[i..<(i + l.count)]) == l else { return false }
            i += l.count
            return true
        }
        guard let year = digits(4) else { return cannot("2006") }
        guard literal("-") else { return cannot("-") }
        guard let month = digits(2) else { return cannot("01") }
        if month < 1 || month > 12 { return range("month") }
        guard literal("-") else { return cannot("-") }
        guard let day = digits(2) else { return cannot("02") }
        guard literal("T") else { return cannot("T") }
        let hourStart = i
        guard var hour = digits(2) ?? digits(1) else { i = hourStart; return cannot("15") }
        if hour >= 24 { return range("hour") }
        guard literal(":") else { return cannot(":") }
        guard let minute = digits(2) else { return cannot("04") }
        if minute >= 60 { return range("minute") }
        guard literal(":") else { return cannot(":") }
        guard let second = digits(2) else { return cannot("05") }
        if second >= 60 { return range("second") }
        if i + 1 < v.count, v[i] == "." || v[i] == ",", ("0"..."9").contains(v[i + 1]) {
            i += 1
            while i < v.count, ("0"..."9").contains(v[i]) { i += 1 }
        } else if micro {
            return cannot(".000000")
        }
        if i < v.count, v[i] == "Z" {
            i += 1
        } else {
            let start = i
            guard i + 6 <= v.count, v[i] == "+" || v[i] == "-", v[i + 3] == ":" else { return cannot("Z07:00") }
            i += 1
            guard digits(2) != nil, literal(":"), digits(2) != nil else { i = start; return cannot("Z07:00") }
        }
        if i < v.count { return "parsing time \(goQuote(text)): extra text: \(goQuote(rest()))" }
        hour = 0
        if day < 1 || day > daysIn(month: month, year: year) { return range("day") }
        return nil
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }
}
