import CCompressZlib
import CompressNIO
import MCP
import NIOCore

/// A shared result compressed once, spliced into each answer around its per-request envelope.
///
/// A `tools/list` answer is `{"jsonrpc":"2.0","id":N,"result":` + the page + `}`; only the id
/// changes. The page is deflated once (raw deflate ending in a sync flush, so it stops on a byte
/// boundary and refers to nothing before it); each answer writes the envelope around it as
/// stored (uncompressed) deflate blocks and combines the checksums with zlib's
/// `crc32_combine`/`adler32_combine`. The hot path copies bytes and does no compression.
struct SplicedDeflate: Sendable {
    let deflated: [UInt8]
    let crc32: UInt32
    let adler32: UInt32
    let length: Int

    /// The page's deflated form, made on first use and kept with the page.
    static func of(_ result: EncodedResult) -> SplicedDeflate? {
        result.derived("deflate.sync") { SplicedDeflate(result.bytes) }
    }

    private init?(_ bytes: [UInt8]) {
        guard let compressor = try? ZlibCompressor(algorithm: .deflate, configuration: .init(compressionLevel: 9)) else { return nil }
        var input = ByteBuffer(bytes: bytes)
        var output = ByteBuffer()
        output.reserveCapacity(compressor.maxSize(from: input))
        guard (try? compressor.deflate(from: &input, to: &output, flush: .sync)) != nil, input.readableBytes == 0 else { return nil }
        deflated = Array(output.readableBytesView)
        length = bytes.count
        crc32 = bytes.withUnsafeBufferPointer { UInt32(CCompressZlib.crc32(0, $0.baseAddress, UInt32($0.count))) }
        adler32 = bytes.withUnsafeBufferPointer { UInt32(CCompressZlib.adler32(1, $0.baseAddress, UInt32($0.count))) }
    }

    /// The whole answer `prefix + page + suffix`, encoded as `coding`.
    func answer(prefix: [UInt8], suffix: [UInt8], as coding: ContentCoding) -> ByteBuffer {
        var out = ByteBuffer()
        out.reserveCapacity(deflated.count + prefix.count + suffix.count + 64)
        switch coding {
        case .gzip: out.writeBytes([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff])
        case .deflate: out.writeBytes([0x78, 0x01])
        }
        Self.writeStored(prefix, final: false, into: &out)
        out.writeBytes(deflated)
        Self.writeStored(suffix, final: true, into: &out)
        switch coding {
        case .gzip:
            var crc = Self.checksum(prefix, seed: 0, using: CCompressZlib.crc32)
            crc = UInt32(crc32_combine(UInt(crc), UInt(crc32), off_t(length)))
            crc = UInt32(crc32_combine(UInt(crc), UInt(Self.checksum(suffix, seed: 0, using: CCompressZlib.crc32)), off_t(suffix.count)))
            out.writeInteger(crc, endianness: .little)
            out.writeInteger(UInt32(truncatingIfNeeded: prefix.count + length + suffix.count), endianness: .little)
        case .deflate:
            var adler = Self.checksum(prefix, seed: 1, using: CCompressZlib.adler32)
            adler = UInt32(adler32_combine(UInt(adler), UInt(adler32), off_t(length)))
            adler = UInt32(adler32_combine(UInt(adler), UInt(Self.checksum(suffix, seed: 1, using: CCompressZlib.adler32)), off_t(suffix.count)))
            out.writeInteger(adler, endianness: .big)
        }
        return out
    }

    /// Stored deflate blocks holding `bytes` (at most 65,535 bytes a block); the last one is final when asked.
    private static func writeStored(_ bytes: [UInt8], final: Bool, into out: inout ByteBuffer) {
        var start = 0
        repeat {
            let count = min(65_535, bytes.count - start)
            let last = start + count == bytes.count
            out.writeInteger(UInt8(final && last ? 1 : 0))
            out.writeInteger(UInt16(count), endianness: .little)
            out.writeInteger(~UInt16(count), endianness: .little)
            out.writeBytes(bytes[start..<start + count])
            start += count
        } while start < bytes.count
    }

    private static func checksum(_ bytes: [UInt8], seed: UInt, using function: (UInt, UnsafePointer<Bytef>?, UInt32) -> UInt) -> UInt32 {
        bytes.withUnsafeBufferPointer { UInt32(function(seed, $0.baseAddress, UInt32($0.count))) }
    }
}
