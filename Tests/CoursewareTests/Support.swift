#if canImport(Glibc)
import Glibc
#endif
@testable import Courseware

/// A fresh temporary folder with files written into it.
struct TempFolder {
    let path: String

    init() {
        var template = Array("/tmp/taller-curso-XXXXXX".utf8CString)
        path = template.withUnsafeMutableBufferPointer { String(cString: mkdtemp($0.baseAddress!)) }
    }

    @discardableResult
    func write(_ name: String, _ text: String) -> String {
        let full = path + "/" + name
        try! FileSystem.makeDirectories(FileSystem.directory(of: full))
        try! FileSystem.write(full, text)
        return full
    }
}

/// Loads an exercise from text in a folder named `id`.
func loadExercise(_ yaml: String, id: String = "01-prueba", files: [String: String] = [:]) throws(CourseError) -> Exercise {
    let folder = TempFolder()
    folder.write("\(id)/ejercicio.yaml", yaml)
    for (name, text) in files { folder.write("\(id)/\(name)", text) }
    return try ExerciseLoader.load(folder: folder.path + "/" + id)
}

func loadError(_ yaml: String) -> CourseError? {
    do { _ = try loadExercise(yaml); return nil } catch { return error }
}

let minimalHeader = """
id: 01-prueba
titulo: Prueba
leccion: 01-pods
enunciado: Haz algo.

"""
