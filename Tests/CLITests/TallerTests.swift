import Testing
@testable import CLI

@Suite struct TallerTests {
    func run(_ args: [String], stdin: String = "") -> (code: Int32, io: CapturedStreams) {
        var io = CapturedStreams(stdin: Array(stdin.utf8))
        let code = Taller.run(args, io: &io)
        return (code, io)
    }

    @Test func noArgumentsGreetsTheLearner() {
        // Outside a course (inside one, `taller` shows progress: CourseCommandTests).
        var io = CapturedStreams()
        var environment = CommandEnvironment()
        environment.workingDirectory = "/"
        let code = Taller.run([], io: &io, environment: environment)
        #expect(code == 0)
        #expect(io.stdout.contains("bienvenida"))
        #expect(io.stdout.contains("taller yaml json [--esquema core|kubernetes] ARCHIVO"))
        #expect(io.stderr.isEmpty)
    }

    /// The two scale benchmarks run small: every pod scheduled (Running and Ready for the
    /// whole cluster), and the figures they report are there. (Their speed is measured by
    /// scripts/bench-scale.sh and reported, never asserted.)
    @Test func scaleBenchmarksRunSmall() {
        let scale = run(["bench", "escala", "--nodos", "4", "--pods", "30"])
        #expect(scale.code == 0)
        #expect(scale.io.stdout.contains("pods planificados: 30, Running y Ready: 30"))
        #expect(scale.io.stdout.contains("memoria máxima:"))
        let scheduler = run(["bench", "planificador", "--nodos", "5", "--iniciales", "5", "--pods", "10"])
        #expect(scheduler.code == 0)
        #expect(scheduler.io.stdout.contains("pods planificados al medir: 10 de 10"))
        #expect(scheduler.io.stdout.contains("SchedulingThroughput"))
        let bad = run(["bench", "planificador", "--pods", "cero"])
        #expect(bad.code == 2)
    }

    @Test func helpIsGeneratedFromTheDeclarations() {
        let (code, io) = run(["ayuda"])
        #expect(code == 0)
        for command in Taller.commands where !command.hidden {
            #expect(io.stdout.contains(command.usage))
            #expect(io.stdout.contains(command.summary))
        }
        #expect(!io.stdout.contains("medir"))
        let detail = run(["ayuda", "yaml", "json"])
        #expect(detail.code == 0)
        #expect(detail.io.stdout.hasPrefix("uso: taller yaml json"))
        #expect(detail.io.stdout.contains("--esquema ESQUEMA"))
        #expect(run(["yaml", "eventos", "--ayuda"]).io.stdout.hasPrefix("uso: taller yaml eventos ARCHIVO"))
        #expect(run(["--help"]).code == 0)
    }

    @Test func unknownCommandIsAUsageError() {
        let (code, io) = run(["volar"])
        #expect(code == 2)
        #expect(io.stderr.contains("volar"))
        #expect(run(["yaml", "volar", "x"]).code == 2)
        #expect(run(["ayuda", "volar"]).code == 2)
    }

    @Test func usageErrorsExitWithTwo() {
        let cases: [[String]] = [
            ["yaml"], ["yaml", "json"], ["yaml", "json", "a", "b"], ["yaml", "json", "--esquema", "xml", "a"],
            ["yaml", "json", "--esquema"], ["yaml", "eventos", "--rapido", "a"], ["yaml", "medir", "a", "--veces", "0"],
        ]
        for args in cases {
            let (code, io) = run(args)
            #expect(code == 2, "\(args)")
            #expect(io.stderr.hasPrefix("error: "), "\(args)")
            #expect(io.stderr.contains("uso: taller"), "\(args)")
            #expect(io.stdout.isEmpty)
        }
    }

    @Test func missingFileExitsWithOne() {
        let (code, io) = run(["yaml", "eventos", "/no/existe/web.yaml"])
        #expect(code == 1)
        #expect(io.stderr.contains("no encuentro el archivo «/no/existe/web.yaml»"))
        let dir = run(["yaml", "json", "/tmp"])
        #expect(dir.code == 1)
        #expect(dir.io.stderr.contains("es una carpeta"))
    }

    @Test func optionsAcceptBothSpellings() throws {
        let a = try ParsedArguments(["--esquema=core", "x.yaml"], for: YAMLJSONCommand.self)
        #expect(a[option: "--esquema"] == "core")
        #expect(a.positionals == ["x.yaml"])
        let b = try ParsedArguments(["-", "--esquema", "kubernetes"], for: YAMLJSONCommand.self)
        #expect(b.positionals == ["-"])
        let c = try ParsedArguments(["--", "--raro.yaml"], for: YAMLEventsCommand.self)
        #expect(c.positionals == ["--raro.yaml"])
    }

    @Test func eventsReadStandardInput() {
        let (code, io) = run(["yaml", "eventos", "-"], stdin: "a: 1\n")
        #expect(code == 0)
        #expect(io.stdout == "+STR\n+DOC\n+MAP\n=VAL :a\n=VAL :1\n-MAP\n-DOC\n-STR\n")
        #expect(io.stderr.isEmpty)
    }

    @Test func yamlErrorsAreRenderedOnStderrWithExitOne() {
        let (code, io) = run(["yaml", "json", "-"], stdin: "spec:\n  image: nginx: latest\n")
        #expect(code == 1)
        #expect(io.stdout.isEmpty)
        #expect(io.stderr.hasPrefix("STDIN:2:"))
        #expect(io.stderr.contains("error parsing STDIN: error converting YAML to JSON: yaml: line 2: mapping values are not allowed in this context"))
        #expect(io.stderr.contains("pista:"))
    }

    // Depends on the interim adapter (YAMLJSON.swift); the expected text must stay the same
    // once Value and JSONWriter are merged.
    @Test func jsonPrintsOneLinePerDocument() {
        let (code, io) = run(["yaml", "json", "-"], stdin: "a: 1\n---\n- x\n")
        #expect(code == 0)
        #expect(io.stdout == "{\"a\":1}\n[\"x\"]\n")
    }
}
