#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Courseware

/// The `taller` command line: finds the command named by the arguments, parses the rest
/// against its signature, runs it, renders any `CLIError` (the one place, `CLIError.rendered`)
/// and returns the exit code. `main.swift` only calls `Taller.main`, so tests drive every
/// command in-process.
public enum Taller {
    /// Every command, in help order. Adding a command is adding a type here.
    static var commands: [any Command.Type] {
        [HelpCommand.self, YAMLEventsCommand.self, YAMLJSONCommand.self, YAMLMeasureCommand.self,
         KubectlCommand.self, ClusterResetCommand.self, ClusterAdvanceCommand.self, ClusterStatusCommand.self, ClusterBalancerCommand.self,
         ClusterLoadCommand.self, ClusterHistoryCommand.self, ClusterNodeCommand.self, ClusterRequestCommand.self,
         BenchStoreCommand.self, BenchScaleCommand.self, BenchSchedulerCommand.self, BenchLoadCommand.self,
         LessonsCommand.self, ReadCommand.self, ExercisesCommand.self, StartCommand.self, VerifyCommand.self, GradeClassCommand.self, WatchCommand.self,
         HintCommand.self, SolutionCommand.self, ResetCommand.self, ProgressCommand.self, IndexCommand.self, ReviewCommand.self]
    }

    public static func main(_ arguments: [String]) -> Int32 {
        tuneHeapForOneCommand()
        var io = StandardStreams()
        var environment = CommandEnvironment.process
        environment.exitsAfterCommand = true
        return run(arguments, io: &io, environment: environment)
    }

    /// Runs `arguments` with `io`. Exit codes: 0 success, 1 the thing asked for failed
    /// (a YAML error, a missing file), 2 usage mistake. See `CLIError`.
    public static func run<IO: TextStreams>(_ arguments: [String], io: inout IO) -> Int32 {
        run(arguments, io: &io, environment: .process)
    }

    /// As `run(_:io:)`, with the state folder variable and the wall clock given (tests pass
    /// a fixed clock so output is deterministic).
    public static func run<IO: TextStreams>(_ arguments: [String], io: inout IO, environment: CommandEnvironment) -> Int32 {
        guard !arguments.isEmpty else {
            // Inside a course: welcome, progress bar and the one next step.
            if let context = try? CourseContext(ParsedArguments(environment: environment)), context.course.errors.isEmpty {
                io.out(CourseTexts.welcome(context, progress: (try? context.loadProgress()) ?? Progress()))
                return 0
            }
            io.out(Messages.welcome + Help.commandList() + Messages.comingSoon)
            return 0
        }
        do throws(CLIError) {
            try dispatch(arguments, io: &io, environment: environment)
            return 0
        } catch {
            io.err(error.rendered)
            return error.exitCode
        }
    }

    static func dispatch<IO: TextStreams>(_ arguments: [String], io: inout IO, environment: CommandEnvironment = .process) throws(CLIError) {
        if ["--ayuda", "-h", "--help", "help"].contains(arguments[0]) {
            return try dispatch(["ayuda"] + arguments.dropFirst(), io: &io, environment: environment)
        }
        guard let command = find(arguments) else {
            let group = commands.filter { $0.path.count > 1 && $0.path[0] == arguments[0] && !$0.hidden }
            if !group.isEmpty {
                let choices = group.map { $0.path[1] }
                if arguments.count == 1 {
                    throw .usage(Messages.missingSubcommand(arguments[0], choices: choices), usage: "taller \(arguments[0]) \(choices.joined(separator: "|")) …")
                }
                throw .unknownCommand(arguments[0] + " " + arguments[1])
            }
            throw .unknownCommand(arguments[0])
        }
        try run(command, Array(arguments.dropFirst(command.path.count)), io: &io, environment: environment)
    }

    /// The command whose path is the longest prefix of `arguments`.
    static func find(_ arguments: [String]) -> (any Command.Type)? {
        commands.filter { arguments.starts(with: $0.path) }.max { $0.path.count < $1.path.count }
    }

    static func run<C: Command, IO: TextStreams>(_ command: C.Type, _ words: [String], io: inout IO, environment: CommandEnvironment) throws(CLIError) {
        // Raw commands (`taller k`) parse their own flags: only `--ayuda`, or nothing at all,
        // shows taller's help.
        let helpWords = C.signature.raw ? ["--ayuda"] : ["--ayuda", "-h", "--help"]
        if ObjectIdentifier(C.self) != ObjectIdentifier(HelpCommand.self),
           words.contains(where: { helpWords.contains($0) }) || (C.signature.raw && words.isEmpty) {
            io.out(Help.detail(command))
            return
        }
        var arguments = try ParsedArguments(words, for: command)
        arguments.environment = environment
        try C(arguments).run(io: &io)
    }

    public static func exit(_ code: Int32) -> Never {
        Glibc.exit(code)
    }

    /// One command per process, most of it building a saved cluster's objects: the heap grows
    /// in 64 MiB steps and keeps big buffers, instead of a `brk` every 128 KiB and an
    /// `mmap`/`munmap` pair per large array (about a tenth of a `taller k get`). glibc's
    /// `mallopt` is not in Swift's Glibc module (malloc.h), so it is looked up by name;
    /// elsewhere this does nothing.
    static func tuneHeapForOneCommand() {
        #if canImport(Glibc)
        typealias Mallopt = @convention(c) (Int32, Int32) -> Int32
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "mallopt") else { return }
        let mallopt = unsafeBitCast(symbol, to: Mallopt.self)
        // malloc.h: M_TRIM_THRESHOLD -1, M_TOP_PAD -2, M_MMAP_THRESHOLD -3 (at most 32 MiB).
        _ = mallopt(-2, 64 << 20)
        _ = mallopt(-1, 128 << 20)
        _ = mallopt(-3, 32 << 20)
        // The heap grows now (one allocation past the top), and its 64 MiB are marked for
        // transparent huge pages: a 2 MiB page per fault instead of 4 KiB. Loading a saved
        // cluster of 500 objects touched ~2,100 pages, a quarter of a `taller k get pods`. The
        // kernel ignores the advice when THP is off ("never"), and so does this on error.
        // malloc is called through its address: the optimizer removes an unused malloc/free
        // pair it recognises, and the heap would not grow here.
        typealias Malloc = @convention(c) (Int) -> UnsafeMutableRawPointer?
        guard let mallocSymbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "malloc") else { return }
        let top = sbrk(0)
        free(unsafeBitCast(mallocSymbol, to: Malloc.self)(256 << 10))
        let end = sbrk(0)
        if let top, let end, top != UnsafeMutableRawPointer(bitPattern: -1), end > top {
            let huge = 2 << 20
            let start = (Int(bitPattern: top) + huge - 1) & ~(huge - 1)
            let stop = Int(bitPattern: end) & ~(huge - 1)
            if stop > start, let p = UnsafeMutableRawPointer(bitPattern: start) {
                _ = madvise(p, stop - start, MADV_HUGEPAGE)
            }
        }
        #endif
    }
}

/// `taller ayuda [ORDEN…]`: the list of commands, or the detail of one.
struct HelpCommand: Command {
    static let path = ["ayuda"]
    static let summary = "muestra esta ayuda, o la de una orden"
    static let signature = Signature(positionals: [.init(name: "[ORDEN…]", help: "la orden de la que quieres detalles")], variadic: true)
    var topic: [String]

    init(_ arguments: ParsedArguments) throws(CLIError) { topic = arguments.positionals }

    func run<IO: TextStreams>(io: inout IO) throws(CLIError) {
        if topic.isEmpty {
            io.out(Messages.helpHeader + Help.commandList() + Messages.helpFooter)
            return
        }
        guard let command = Taller.find(topic), command.path.count == topic.count else {
            throw .unknownCommand(topic.joined(separator: " "))
        }
        io.out(Help.detail(command))
    }
}
