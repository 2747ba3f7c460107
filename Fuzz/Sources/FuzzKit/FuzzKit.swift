import FuzzSupport
import Glibc

/// Hands control to libFuzzer with `callback` as the test function; never returns.
///
/// SwiftPM links an executable's top-level code as `main` (overriding libFuzzer's), so each target
/// runs the driver itself. Targets also export `LLVMFuzzerTestOneInput`, which libFuzzer's archive
/// references.
public func runFuzzer(_ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt) -> Never {
    var argc = CommandLine.argc
    var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
    exit(LLVMFuzzerRunDriver(&argc, &argv, callback))
}

/// The input as bytes (libFuzzer passes nil for the empty input).
public func inputBytes(_ data: UnsafePointer<UInt8>?, _ size: Int) -> [UInt8] {
    guard let data, size > 0 else { return [] }
    return Array(UnsafeBufferPointer(start: data, count: size))
}

/// The input split at its first `count - 1` NUL bytes into (lossily decoded) strings, so one input
/// can drive several parameters; missing fields are empty.
public func inputFields(_ bytes: [UInt8], count: Int) -> [String] {
    var parts = bytes.split(separator: 0, maxSplits: count - 1, omittingEmptySubsequences: false).map {
        String(decoding: $0, as: UTF8.self)
    }
    while parts.count < count { parts.append("") }
    return parts
}

/// A property the code under test must keep; a violation is a crash libFuzzer records.
public func require(_ condition: Bool, _ message: @autoclosure () -> String) {
    if !condition { fatalError("property violated: \(message())") }
}
