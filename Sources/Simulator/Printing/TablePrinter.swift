import YAML

/// The client side of `kubectl get`: k8s.io/cli-runtime/pkg/printers/tableprinter.go
/// (`decorateTable`, `printHeader`, `printRows`) writing through kubectl's tabwriter.
///
/// - headers are the column names upper-cased (`Port(s)` → `PORT(S)`);
/// - priority-1 columns only with `-o wide`;
/// - `-A` adds NAMESPACE first (namespaced kinds only); several kinds add `kind.group/`
///   before the name column (`deployment.apps/web`);
/// - `-L key` adds a column headed by the key's last `/` segment, upper-cased, with the
///   label's value or nothing; `--show-labels` adds LABELS (`k=v,...` sorted, `<none>`);
/// - a cell is cut at its first `\n`, `\r` or `\f` and gets `...`;
/// - a table with no rows prints nothing, not even its header.
public enum TablePrinter {
    public struct Options: Sendable, Hashable {
        public var wide: Bool
        public var noHeaders: Bool
        public var withNamespace: Bool
        /// `deployment.apps`, `pod`: set when several kinds are printed.
        public var kindPrefix: String?
        public var showLabels: Bool
        public var labelColumns: [String]

        public init(wide: Bool = false, noHeaders: Bool = false, withNamespace: Bool = false, kindPrefix: String? = nil,
                    showLabels: Bool = false, labelColumns: [String] = []) {
            self.wide = wide
            self.noHeaders = noHeaders
            self.withNamespace = withNamespace
            self.kindPrefix = kindPrefix
            self.showLabels = showLabels
            self.labelColumns = labelColumns
        }
    }

    /// The table as kubectl prints it alone.
    public static func string(_ table: Table, options: Options = Options()) -> String {
        var w = TabWriter.table()
        write(table, options: options, to: &w)
        return w.finish()
    }

    /// Writes header and rows (tab-separated) into `writer`; the caller flushes.
    public static func write(_ table: Table, options: Options, to writer: inout TabWriter) {
        guard !table.rows.isEmpty else { return }
        let visible = table.columns.indices.filter { table.columns[$0].priority == 0 || options.wide }
        let nameColumn = table.columns.firstIndex { $0.format == "name" }
        if !options.noHeaders {
            var headers: [String] = options.withNamespace ? ["NAMESPACE"] : []
            headers += visible.map { table.columns[$0].name.uppercased() }
            headers += options.labelColumns.map { ($0.split(separator: "/", omittingEmptySubsequences: false).last.map(String.init) ?? $0).uppercased() }
            if options.showLabels { headers.append("LABELS") }
            writer.write(headers.joined(separator: "\t") + "\n")
        }
        for row in table.rows {
            var cells: [String] = options.withNamespace ? [row.object.namespace] : []
            for i in visible where i < row.cells.count {
                var cell = row.cells[i]
                if i == nameColumn, let prefix = options.kindPrefix { cell = "\(prefix)/\(cell)" }
                cells.append(truncated(cell))
            }
            let labels = row.object.stringMap("metadata", "labels")
            for key in options.labelColumns {
                cells.append(labels.last(where: { $0.key == key })?.value ?? "")
            }
            if options.showLabels { cells.append(GoFormat.labels(labels)) }
            writer.write(cells.joined(separator: "\t") + "\n")
        }
    }

    static func truncated(_ cell: String) -> String {
        guard let i = cell.unicodeScalars.firstIndex(where: { $0 == "\n" || $0 == "\r" || $0 == "\u{0C}" }) else { return cell }
        return String(cell.unicodeScalars[..<i]) + "..."
    }
}
