/// A regular expression from an exercise file (`coincide: RE`) or from the grader, on the
/// standard library's `Regex` (no Foundation: loading it costs every command ~6 ms).
///
/// The syntax is the usual one (PCRE/ICU style: classes, groups, alternation, anchors,
/// quantifiers, `(?i)`); a match anywhere in the text counts, as `grep -E` and
/// `NSRegularExpression.firstMatch` do.
public struct TextPattern {
    private let regex: Regex<AnyRegexOutput>

    /// nil when `pattern` is not a valid expression.
    public init?(_ pattern: String, ignoringCase: Bool = false) {
        guard let regex = try? Regex(pattern) else { return nil }
        self.regex = ignoringCase ? regex.ignoresCase() : regex
    }

    public func matches(_ text: String) -> Bool {
        (try? regex.firstMatch(in: text)) != nil
    }
}
