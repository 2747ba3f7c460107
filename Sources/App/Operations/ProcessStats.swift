import Foundation

/// Facts about this process that Prometheus' process collectors would report.
enum ProcessStats {
    /// Resident memory in bytes, from `/proc/self/statm` (0 where unavailable).
    static func residentMemoryBytes() -> Double {
        guard let text = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8) else { return 0 }
        let fields = text.split(separator: " ")
        guard fields.count > 1, let pages = Double(fields[1]) else { return 0 }
        return pages * Double(sysconf(Int32(_SC_PAGESIZE)))
    }

    /// Resident memory not backed by a file (resident minus shared pages of `/proc/self/statm`):
    /// the heap, thread stacks and anonymous mappings; nil where unavailable.
    static func residentAnonymousBytes() -> Int? {
        guard let text = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8) else { return nil }
        let fields = text.split(separator: " ")
        guard fields.count > 2, let resident = Int(fields[1]), let shared = Int(fields[2]) else { return nil }
        return max(0, resident - shared) * Int(sysconf(Int32(_SC_PAGESIZE)))
    }

    /// Open file descriptors, from `/proc/self/fd` (0 where unavailable).
    static func openFileDescriptors() -> Double {
        Double((try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd").count) ?? 0)
    }
}
