#if canImport(Glibc)
import Glibc
#endif
import Testing
@testable import Courseware

/// trabajo/.progreso.json: round trip, atomic replacement, and a damaged file that is
/// reported and never overwritten.
struct ProgressTests {
    @Test func roundTrip() throws {
        let path = TempFolder().path + "/trabajo/.progreso.json"
        #expect(try Progress.load(path) == Progress())
        let saved = try Progress.update(path) { p in
            p.current = "01-uno"
            var e = Progress.Entry()
            e.attempts = 2; e.hintsUsed = 1; e.passedAt = "2026-01-01T00:00:00Z"
            p.exercises["01-uno"] = e
        }
        #expect(try FileSystem.readText(path) == "{\"actual\":\"01-uno\",\"ejercicios\":{\"01-uno\":{\"aprobado\":\"2026-01-01T00:00:00Z\",\"intentos\":2,\"pistas\":1,\"solucionVista\":false}},\"version\":1}\n")
        #expect(try Progress.load(path) == saved)
    }

    @Test func writesANewFileAndRenamesIt() throws {
        let folder = TempFolder()
        let path = folder.path + "/.progreso.json"
        try Progress().save(path)
        var before = stat()
        stat(path, &before)
        // A reader holding the old file keeps reading it whole: the new one replaces it by rename.
        let fd = open(path, O_RDONLY)
        defer { close(fd) }
        var p = Progress()
        p.current = "02-dos"
        try p.save(path)
        var after = stat()
        stat(path, &after)
        #expect(before.st_ino != after.st_ino)
        var buffer = [UInt8](repeating: 0, count: 200)
        let n = read(fd, &buffer, 200)
        #expect(String(decoding: buffer[0..<n], as: UTF8.self) == "{\"ejercicios\":{},\"version\":1}\n")
        #expect(FileSystem.list(folder.path) == [".progreso.json"])
    }

    @Test func aDamagedFileIsReportedAndKept() throws {
        let folder = TempFolder()
        let path = folder.write(".progreso.json", "{\"version\": 1, \"ejercicios\": {\"01\": ")
        #expect(throws: ProgressError.corrupt(path, reason: "no es JSON válido")) { try Progress.load(path) }
        #expect(throws: ProgressError.self) { try Progress.update(path) { $0.current = "x" } }
        #expect(try FileSystem.readText(path) == "{\"version\": 1, \"ejercicios\": {\"01\": ")
        folder.write(".progreso.json", "[1, 2]")
        #expect(throws: ProgressError.corrupt(path, reason: "no es un objeto JSON")) { try Progress.load(path) }
        folder.write(".progreso.json", "{\"ejercicios\": {}}")
        #expect(throws: ProgressError.corrupt(path, reason: "falta «version»: 1")) { try Progress.load(path) }
        #expect(ProgressError.corrupt(path, reason: "x").message.contains("no lo voy a sobrescribir"))
    }
}
