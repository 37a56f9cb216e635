#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The `taller` command line: parses the arguments, runs one command, returns its exit code.
/// `main.swift` only calls `Taller.main`, so tests drive every command in-process.
public enum Taller {
    public static func main(_ arguments: [String]) -> Int32 {
        var out = StandardStreams()
        return run(arguments, io: &out)
    }

    /// Runs `arguments` writing to `io`. Exit codes: 0 success, 1 failure of the thing
    /// asked for (a YAML error, a failed check), 2 usage or content error.
    public static func run<IO: TextStreams>(_ arguments: [String], io: inout IO) -> Int32 {
        guard let first = arguments.first else {
            io.out(Messages.welcome)
            return 0
        }
        switch first {
        case "ayuda", "--ayuda", "-h", "--help", "help":
            io.out(Messages.welcome)
            return 0
        case "yaml":
            return YAMLCommand.run(Array(arguments.dropFirst()), io: &io)
        default:
            io.err(Messages.unknownCommand(first))
            return 2
        }
    }

    public static func exit(_ code: Int32) -> Never {
        Glibc.exit(code)
    }
}
