import Courseware
import Simulator
import YAML

/// What grading an exercise found: the learner's file errors (shown first, with the
/// renderers of `taller k apply`), the author's content errors, and one result per check.
public struct Report: Sendable {
    public var exerciseID: String
    public var title: String
    public var results: [CheckResult] = []
    /// The learner's YAML, decoding and validation errors, in file order.
    public var errors: [FileProblem] = []
    /// Problems of the exercise itself (its author's): exit code 2.
    public var contentErrors: [FileProblem] = []
    /// What applying and the steps printed (`deployment.apps/web created`, …).
    public var log: [String] = []

    public init(exerciseID: String, title: String) {
        self.exerciseID = exerciseID
        self.title = title
    }

    public var visibleResults: [CheckResult] { results.filter { !$0.hidden } }

    /// What the learner sees: no errors and every visible check passed.
    public var passed: Bool {
        errors.isEmpty && contentErrors.isEmpty && !visibleResults.isEmpty && visibleResults.allSatisfy(\.passed)
    }

    /// Including hidden checks (instructors, `taller revisar-curso`).
    public var passedAll: Bool { errors.isEmpty && contentErrors.isEmpty && !results.isEmpty && results.allSatisfy(\.passed) }

    public var points: Int { visibleResults.reduce(0) { $0 + $1.points } }
    public var maxPoints: Int { visibleResults.reduce(0) { $0 + $1.maxPoints } }

    /// 0 passed, 1 a check failed (or the learner's files have errors), 2 the exercise is broken.
    public var exitCode: Int32 { !contentErrors.isEmpty ? 2 : (passed ? 0 : 1) }
}

/// One check's outcome.
public struct CheckResult: Sendable, Equatable {
    public var id: String
    public var description: String
    public var passed: Bool
    public var points: Int
    public var maxPoints: Int
    public var hidden: Bool
    /// Passed: the description. Failed: what was expected and what was found.
    public var message: String
    /// The learner's file and line where the field is (or where it belongs).
    public var mark: Mark?
    public var hint: String?
    /// The `taller k …` command to see it for oneself.
    public var command: String?
    /// A check type this simulator cannot evaluate yet (alcanzable, bloqueado, permitido).
    public var unavailable = false

    public var file: String? { mark.flatMap { $0.file.isEmpty ? nil : $0.file } }
    public var line: Int? { mark?.line }
}

/// An error in a file: where, and the whole rendered text.
public struct FileProblem: Sendable, Equatable {
    public var mark: Mark?
    public var file: String?
    public var text: String

    public init(mark: Mark?, file: String?, text: String) {
        self.mark = mark
        self.file = file
        self.text = text.hasSuffix("\n") ? text : text + "\n"
    }

    init(_ error: ManifestError) {
        self.init(mark: error.mark, file: error.file, text: error.rendered)
    }

    init(_ error: CourseError) {
        self.init(mark: error.mark, file: error.file, text: error.rendered)
    }
}
