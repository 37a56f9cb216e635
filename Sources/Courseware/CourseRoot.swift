/// Where the course is: `--raiz DIR`, else `TALLER_RAIZ`, else the nearest folder holding
/// `INDICE.md`, walking up from the current one (as git finds `.git`).
public enum CourseRoot {
    public static func find(option: String?, variable: String?, start: String) throws(CourseError) -> String {
        if let option, !option.isEmpty { return try checked(option) }
        if let variable, !variable.isEmpty { return try checked(variable) }
        var folder = start
        while true {
            if FileSystem.exists(FileSystem.join(folder, Course.indexFile)) { return folder }
            let parent = FileSystem.directory(of: folder)
            if parent == folder || folder.isEmpty { break }
            folder = parent
        }
        throw CourseError(.noCourseRoot(start: start), file: start)
    }

    static func checked(_ folder: String) throws(CourseError) -> String {
        guard FileSystem.isDirectory(folder) else { throw CourseError(.missingFile, file: folder) }
        return folder
    }
}
