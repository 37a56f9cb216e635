import Testing
@testable import Courseware

/// Lessons, the course root, INDICE.md, the terminal Markdown and the watcher.
struct CourseTests {
    static let lesson = "---\ntitulo: Pods\nobjetivos:\n  - Uno\n  - Dos\nduracion: 10 min\n---\n\n# Pods\n\nTexto.\n"

    func course() -> TempFolder {
        let folder = TempFolder()
        folder.write("lessons/01-pods.md", CourseTests.lesson)
        folder.write("exercises/01-uno/ejercicio.yaml", "id: 01-uno\ntitulo: Uno\nleccion: 01-pods\nnivel: 2\nenunciado: e\ncomprobaciones:\n  - {id: a, objeto: deployment/web}\n")
        return folder
    }

    @Test func lessonFrontMatter() throws {
        let lesson = try Lesson.parse(Array(CourseTests.lesson.utf8), file: "lessons/01-pods.md")
        #expect(lesson.id == "01-pods" && lesson.title == "Pods" && lesson.objectives == ["Uno", "Dos"] && lesson.duration == "10 min")
        #expect(lesson.body == "# Pods\n\nTexto.\n")
        do {
            _ = try Lesson.parse(Array("---\ntitulo: Pods\nduracion: 1m\nnivel: 3\n---\n".utf8), file: "lessons/01-pods.md")
            Issue.record("no error")
        } catch {
            #expect(error.problem == .unknownKey("nivel", in: "la cabecera de la lección", suggestion: nil))
            #expect(error.location == "lessons/01-pods.md:4:1")
        }
        do {
            _ = try Lesson.parse(Array("# Sin cabecera\n".utf8), file: "lessons/01-pods.md")
            Issue.record("no error")
        } catch {
            #expect(error.message.hasPrefix("la cabecera de la lección no es válida: la lección debe empezar con una línea «---»"))
        }
    }

    @Test func rootDiscovery() throws {
        let folder = course()
        folder.write("INDICE.md", "x")
        folder.write("trabajo/01-uno/web.yaml", "")
        #expect(try CourseRoot.find(option: nil, variable: nil, start: folder.path + "/trabajo/01-uno") == folder.path)
        #expect(try CourseRoot.find(option: folder.path + "/lessons", variable: folder.path, start: "/") == folder.path + "/lessons")
        #expect(try CourseRoot.find(option: nil, variable: folder.path, start: "/") == folder.path)
        do {
            _ = try CourseRoot.find(option: nil, variable: nil, start: "/tmp")
            Issue.record("no error")
        } catch {
            #expect(error.problem == .noCourseRoot(start: "/tmp"))
            #expect(error.hint == "entra en la carpeta del curso (la que tiene INDICE.md) o indícala con --raiz CARPETA")
        }
    }

    @Test func courseLoadsAndFindsByNumberOrSlug() throws {
        let course = Course.load(root: course().path)
        #expect(course.errors.isEmpty)
        #expect(try course.exercise("1").id == "01-uno")
        #expect(try course.exercise("uno").id == "01-uno")
        #expect(try course.lesson("pods").id == "01-pods")
        #expect(throws: CourseError.self) { try course.exercise("7") }
    }

    @Test func unknownLessonIsAContentError() throws {
        let folder = course()
        folder.write("exercises/02-dos/ejercicio.yaml", "id: 02-dos\ntitulo: Dos\nleccion: 09-nada\nenunciado: e\ncomprobaciones:\n  - {id: a, objeto: deployment/web}\n")
        let course = Course.load(root: folder.path)
        #expect(course.errors.map(\.problem) == [.unknownLesson("09-nada")])
        #expect(course.errors.first?.mark?.line == 3)
    }

    @Test func indexIsGeneratedAndChecked() throws {
        let folder = course()
        let loaded = Course.load(root: folder.path)
        let text = CourseIndex.render(loaded)
        #expect(text.contains("## 01 · Pods (10 min)\n"))
        #expect(text.contains("| `01-uno` | 2 (práctica) | Uno |\n"))
        #expect(!CourseIndex.isCurrent(loaded))
        folder.write("INDICE.md", text)
        #expect(CourseIndex.isCurrent(loaded))
    }

    @Test func markdownForTheTerminal() {
        let md = "# Título\n\nUn **párrafo** con `código` que es bastante largo para partirse en dos líneas al menos.\n\n- uno\n- dos\n\n| a | bb |\n|---|---|\n| ccc | d |\n\n```yaml\nclave: valor # nota\n```\n"
        let plain = TerminalMarkdown(width: 40, color: false).render(md)
        #expect(plain == "Título\n======\n\nUn párrafo con código que es bastante\nlargo para partirse en dos líneas al\nmenos.\n\n• uno\n• dos\n\n  a    bb\n  ───  ──\n  ccc  d\n\n    clave: valor # nota\n")
        let colored = TerminalMarkdown(width: 40, color: true).render(md)
        #expect(colored.contains("\u{1B}[1;36mTÍTULO\u{1B}[0m"))
        #expect(colored.contains("\u{1B}[1mpárrafo\u{1B}[0m"))
        #expect(colored.contains("\u{1B}[36mclave:\u{1B}[0m"))
        #expect(colored.contains("\u{1B}[2;37m # nota\u{1B}[0m"))
        for line in colored.split(separator: "\n") { #expect(TerminalMarkdown.visibleWidth(String(line)) <= 40) }
    }

    @Test func aChangedFileTriggersOneRegrade() throws {
        let folder = TempFolder()
        folder.write("w/web.yaml", "a: 1\n")
        let watcher = FileWatcher(folders: [folder.path + "/w"])
        var debouncer = Debouncer(initial: watcher.snapshot(), quiet: 150)
        do { let r = debouncer.tick(watcher.snapshot(), now: 0); #expect(!r) }
        folder.write("w/web.yaml", "a: 22\n")
        var regrades = 0
        for t in stride(from: Int64(200), through: 2000, by: 200) where debouncer.tick(watcher.snapshot(), now: t) { regrades += 1 }
        #expect(regrades == 1)
        // A burst of saves (write, then another within the quiet time) is one regrade too.
        folder.write("w/web.yaml", "a: 333\n")
        do { let r = debouncer.tick(watcher.snapshot(), now: 3000); #expect(!r) }
        folder.write("w/otro.yaml", "b: 1\n")
        do { let r = debouncer.tick(watcher.snapshot(), now: 3100); #expect(!r) }
        do { let r = debouncer.tick(watcher.snapshot(), now: 3200); #expect(!r) }
        do { let r = debouncer.tick(watcher.snapshot(), now: 3300); #expect(r) }
        do { let r = debouncer.tick(watcher.snapshot(), now: 3500); #expect(!r) }
    }
}
