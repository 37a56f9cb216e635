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

    /// `until COND; do …; done` runs the body while the condition fails; a program of the
    /// image (`nslookup`) answers through the caller's tool at the instant it runs.
    @Test func untilLoopAsksTheToolAtEachTurn() {
        var asked: [Int64] = []
        let tool: ShellScript.Tool = { words, ms in
            guard words.first == "nslookup" else { return nil }
            asked.append(ms)
            return ms >= 5_000 ? (["Name:      db"], 0) : (["nslookup: can't resolve 'db'"], 1)
        }
        let t = ShellScript("until nslookup db; do echo esperando a db; sleep 2; done").run(env: [:], start: .courseEpoch, horizon: 60_000, tools: tool)
        #expect(asked == [0, 2000, 4000, 6000])
        #expect(t.exit?.ms == 6000 && t.exit?.code == 0)
        #expect(t.lines.filter { $0.text == "esperando a db" }.count == 3)
        // Without the program the shell does not find it, and `until` keeps going.
        #expect(run("until nslookup db; do sleep 2; done").exit == nil)
        // `while` stops when its condition fails; output sent elsewhere is not logged.
        #expect(run("while false; do echo nunca; done; echo fin").lines.map(\.text) == ["fin"])
        #expect(run("echo oculto > /dev/null; echo visto").lines.map(\.text) == ["visto"])
        #expect(run("touch /tmp/listo; [ -f /tmp/listo ] && echo hay").exit?.code == 0)
    }
}
