import Testing
@testable import Simulator

/// The simulated busybox `sh`: what a script prints and how it ends.
@Suite struct ShellScriptTests {
    func run(_ script: String) -> ShellScript.Timeline {
        ShellScript(script).run(env: [:], start: .courseEpoch, horizon: 60_000)
    }

    @Test func endsWithTheStatusOfItsLastCommand() {
        #expect(run("echo hola").exit?.code == 0)
        #expect(run("echo hola; false").exit?.code == 1)
        let missing = run("pg_dump -U postgres tienda")
        #expect(missing.lines.map(\.text) == ["sh: pg_dump: not found"])
        #expect(missing.exit?.code == 127)
        #expect(run("pg_dump; echo listo").exit?.code == 0)
        #expect(run("echo a; exit 3; echo b").exit?.code == 3)
    }

    @Test func sleepMovesTheClockAndLoopsRunPastTheHorizon() {
        let t = run("echo uno; sleep 2; echo dos")
        #expect(t.lines.map(\.ms) == [0, 2000])
        #expect(run("while true; do echo hola; sleep 1; done").exit == nil)
    }
}
