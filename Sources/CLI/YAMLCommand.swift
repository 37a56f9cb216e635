import YAML

/// `taller yaml eventos|json ARCHIVO`: diagnostic views of the YAML layer.
enum YAMLCommand {
    static func run<IO: TextStreams>(_ arguments: [String], io: inout IO) -> Int32 {
        io.err("uso: taller yaml eventos|json ARCHIVO\n")
        return 2
    }
}
