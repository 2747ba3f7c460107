import CompressNIO
import NIOCore

/// What the request being served allows: the coding its `Accept-Encoding` chose and the size from
/// which JSON answers are compressed. A task-local set by `CompressionMiddleware`, so the JSON
/// reply builders compress without every endpoint passing the request along.
public struct ResponseCompression: Sendable {
    public var coding: ContentCoding
    public var minimumBytes: Int

    @TaskLocal public static var current: ResponseCompression?

    /// The coding to apply to a JSON body of `count` bytes, if any.
    static func coding(forBodyOf count: Int) -> ContentCoding? {
        guard let current, count >= current.minimumBytes else { return nil }
        return current.coding
    }

    /// `bytes` compressed whole (gzip or zlib framing), for answers that are not shared.
    static func compress(_ bytes: [UInt8], as coding: ContentCoding) -> ByteBuffer? {
        var input = ByteBuffer(bytes: bytes)
        let algorithm: CompressionAlgorithm = coding == .gzip ? .gzip() : .zlib()
        return try? input.compress(with: algorithm)
    }
}
