import YAML

/// Everything that can make a command fail, as values. `render` is the one place that turns
/// them into text for the terminal and an exit code:
///
/// - 0: success (never an error).
/// - 1: what was asked failed: invalid YAML, a file that does not exist or cannot be read.
///   (A missing file is not a usage mistake: the command was well written; kubectl also
///   exits 1 here.)
/// - 2: usage mistake: unknown command or option, missing or extra argument, bad value.
enum CLIError: Error {
    case usage(String, usage: String)
    case unknownCommand(String)
    case fileNotFound(String)
    case unreadable(String, reason: String)
    case yaml(YAMLError, source: [UInt8])
    /// A `taller k`/`taller cluster` failure whose text is already complete (kubectl's
    /// words, then the Spanish explanation); exit 1 as kubectl. Empty when everything was
    /// already written.
    case reported(String)
    /// The course content is broken (an author's mistake), or the course cannot be found:
    /// the text is complete; exit 2.
    case content(String)
    /// Like `reported`, with the exit code of a command run in a container (`taller k exec`).
    case exited(String, code: Int32)

    var exitCode: Int32 {
        switch self {
        case .usage, .unknownCommand, .content: return 2
        case .fileNotFound, .unreadable, .yaml, .reported: return 1
        case .exited(_, let code): return code
        }
    }

    /// The text for standard error, ending in a newline.
    var rendered: String {
        switch self {
        case .usage(let problem, let usage): return Messages.usageError(problem, usage: usage)
        case .unknownCommand(let name): return Messages.unknownCommand(name)
        case .fileNotFound(let path): return Messages.fileNotFound(path)
        case .unreadable(let path, let reason): return Messages.unreadable(path, reason: reason)
        case .yaml(let error, let source): return error.rendered(source: source)
        case .reported(let text), .content(let text), .exited(let text, _): return text.isEmpty || text.hasSuffix("\n") ? text : text + "\n"
        }
    }
}
