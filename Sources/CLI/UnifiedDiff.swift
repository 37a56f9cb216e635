/// GNU `diff -u` of two texts, line by line: the `---`/`+++` header, then hunks with three
/// lines of context, `@@ -start,count +start,count @@` (a count of 1 is omitted; an empty
/// side starts at the line before). The edit script is a longest common subsequence
/// (dynamic programming; objects are a few hundred lines at most), preferring deletions
/// before insertions as GNU diff prints them. Where several scripts are equally short, GNU's
/// Myers search may pick another one; the hunks still apply the same change.
enum UnifiedDiff {
    enum Line: Equatable {
        case same(String)
        case removed(String)
        case added(String)
    }

    /// The edit script from `a` to `b`.
    static func script(_ a: [String], _ b: [String]) -> [Line] {
        let n = a.count, m = b.count
        // lcs[i][j]: the longest common subsequence of a[i...] and b[j...].
        var lcs = Array(repeating: Array(repeating: 0, count: m + 1), count: n + 1)
        for i in stride(from: n - 1, through: 0, by: -1) {
            for j in stride(from: m - 1, through: 0, by: -1) {
                lcs[i][j] = a[i] == b[j] ? lcs[i + 1][j + 1] + 1 : max(lcs[i + 1][j], lcs[i][j + 1])
            }
        }
        var lines: [Line] = [], i = 0, j = 0
        while i < n || j < m {
            if i < n, j < m, a[i] == b[j] {
                lines.append(.same(a[i])); i += 1; j += 1
            } else if i < n, j == m || lcs[i + 1][j] >= lcs[i][j + 1] {
                lines.append(.removed(a[i])); i += 1
            } else {
                lines.append(.added(b[j])); j += 1
            }
        }
        return lines
    }

    /// The hunks (no header), empty when the texts are equal.
    static func hunks(_ a: [String], _ b: [String], context: Int = 3) -> String {
        let lines = script(a, b)
        let changed = lines.indices.filter { if case .same = lines[$0] { return false }; return true }
        guard !changed.isEmpty else { return "" }
        // Group changes whose context overlaps or touches.
        var groups: [(Int, Int)] = []
        for index in changed {
            if let last = groups.last, index - last.1 <= 2 * context + 1 {
                groups[groups.count - 1].1 = index
            } else {
                groups.append((index, index))
            }
        }
        // Line numbers (1-based) of each script entry in `a` and `b`.
        var aLine = [Int](), bLine = [Int](), x = 1, y = 1
        for line in lines {
            aLine.append(x); bLine.append(y)
            switch line {
            case .same: x += 1; y += 1
            case .removed: x += 1
            case .added: y += 1
            }
        }
        var out = ""
        for (first, last) in groups {
            let start = max(first - context, 0), end = min(last + context, lines.count - 1)
            let slice = lines[start...end]
            let aCount = slice.filter { if case .added = $0 { return false }; return true }.count
            let bCount = slice.filter { if case .removed = $0 { return false }; return true }.count
            func range(_ line: Int, _ count: Int) -> String {
                count == 1 ? "\(line)" : "\(count == 0 ? line - 1 : line),\(count)"
            }
            out += "@@ -\(range(aLine[start], aCount)) +\(range(bLine[start], bCount)) @@\n"
            for line in slice {
                switch line {
                case .same(let text): out += " \(text)\n"
                case .removed(let text): out += "-\(text)\n"
                case .added(let text): out += "+\(text)\n"
                }
            }
        }
        return out
    }

    /// A text's lines, without the final newline's empty line.
    static func lines(_ text: String) -> [String] {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if lines.last == "" { lines.removeLast() }
        return lines
    }
}
