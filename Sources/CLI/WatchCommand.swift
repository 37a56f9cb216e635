struct WatchCommand: Command {
    static let path = ["vigilar"]
    static let summary = "corrige cada vez que guardas; n siguiente, p pista, l lista, q salir"
    static let signature = Signature(positionals: [.init(name: "[EJERCICIO]", help: "por dónde empezar (por omisión, el siguiente sin aprobar)")],
                                     options: [CourseContext.rootOption], variadic: true)
    var arguments: ParsedArguments
    init(_ arguments: ParsedArguments) throws(CLIError) { self.arguments = arguments }
    func run<IO: TextStreams>(io: inout IO) throws(CLIError) {}
}
