/// Change detection for `taller vigilar`, by polling: the modification time and size of
/// every file in the watched folders (portable, no inotify needed; a poll every ~200 ms
/// over a handful of files costs nothing). `Debouncer` turns a burst of changes (an editor
/// writing a temporary file, then renaming it) into one regrade once things are quiet.
public struct FileWatcher: Sendable {
    public var folders: [String]

    public init(folders: [String]) { self.folders = folders }

    /// Every file of the folders (not subfolders) and its stamp.
    public func snapshot() -> [String: FileStamp] {
        var stamps: [String: FileStamp] = [:]
        for folder in folders {
            for name in FileSystem.list(folder) {
                let path = FileSystem.join(folder, name)
                if let stamp = FileSystem.stamp(path), !FileSystem.isDirectory(path) { stamps[path] = stamp }
            }
        }
        return stamps
    }
}

/// Decides when to regrade: after a change, once nothing else changed for `quiet`
/// milliseconds. One burst of saves, one regrade.
public struct Debouncer: Sendable {
    public var quiet: Int64
    var last: [String: FileStamp]
    var changedAt: Int64?

    /// A change is waiting for the quiet time to pass (poll faster meanwhile).
    public var pending: Bool { changedAt != nil }

    public init(initial: [String: FileStamp], quiet: Int64 = 100) {
        self.quiet = quiet
        last = initial
    }

    /// Feed the latest snapshot at `now` (milliseconds, any monotonic origin); true when it
    /// is time to regrade.
    public mutating func tick(_ snapshot: [String: FileStamp], now: Int64) -> Bool {
        if snapshot != last {
            last = snapshot
            changedAt = now
            return false
        }
        if let at = changedAt, now - at >= quiet {
            changedAt = nil
            return true
        }
        return false
    }
}
