import Testing
@testable import CLI

@Suite struct TallerTests {
    @Test func noArgumentsGreetsTheLearner() {
        var io = CapturedStreams()
        #expect(Taller.run([], io: &io) == 0)
        #expect(io.stdout.contains("Bienvenido"))
        #expect(io.stderr.isEmpty)
    }

    @Test func unknownCommandIsAUsageError() {
        var io = CapturedStreams()
        #expect(Taller.run(["volar"], io: &io) == 2)
        #expect(io.stderr.contains("volar"))
    }
}
