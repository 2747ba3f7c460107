import Crypto
import Foundation

/// Small real PNG images for the fake image host, one colour per entity.
///
/// Generated rather than shipped so each release gets a distinct, valid picture that an image
/// tool can decode; the deflate stream uses stored blocks, which every PNG decoder accepts.
enum FakeImages {
    /// An opaque path segment standing in for the CDN's URL signature.
    static func signature(_ kind: String, _ id: Int) -> String {
        let digest = Insecure.SHA1.hash(data: Data("\(kind)-\(id)".utf8))
        return Data(digest).base64EncodedString()
            .replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "=", with: "")
    }

    /// A `size`×`size` RGB PNG whose colour is derived from `seed`.
    static func png(seed: Int, size: Int = 16) -> [UInt8] {
        let hash = UInt64(truncatingIfNeeded: seed &* 2_654_435_761)
        let colour: [UInt8] = [UInt8(truncatingIfNeeded: hash >> 16), UInt8(truncatingIfNeeded: hash >> 8), UInt8(truncatingIfNeeded: hash)]
        var raw: [UInt8] = []
        for y in 0..<size {
            raw.append(0)
            for x in 0..<size {
                let shade: UInt8 = (x / 4 + y / 4) % 2 == 0 ? 0 : 40
                raw.append(contentsOf: colour.map { $0 &+ shade })
            }
        }
        var ihdr: [UInt8] = []
        ihdr += bigEndian(UInt32(size)) + bigEndian(UInt32(size))
        ihdr += [8, 2, 0, 0, 0]
        var png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        png += chunk("IHDR", ihdr)
        png += chunk("IDAT", zlibStored(raw))
        png += chunk("IEND", [])
        return png
    }

    private static func zlibStored(_ data: [UInt8]) -> [UInt8] {
        var out: [UInt8] = [0x78, 0x01]
        var offset = 0
        repeat {
            let length = min(65_535, data.count - offset)
            let final: UInt8 = offset + length >= data.count ? 1 : 0
            out.append(final)
            out += [UInt8(length & 0xFF), UInt8(length >> 8), UInt8(~length & 0xFF), UInt8((~length >> 8) & 0xFF)]
            out += data[offset..<(offset + length)]
            offset += length
        } while offset < data.count
        var a: UInt32 = 1
        var b: UInt32 = 0
        for byte in data {
            a = (a + UInt32(byte)) % 65_521
            b = (b + a) % 65_521
        }
        return out + bigEndian(b << 16 | a)
    }

    private static func chunk(_ type: String, _ payload: [UInt8]) -> [UInt8] {
        let typeBytes = Array(type.utf8)
        return bigEndian(UInt32(payload.count)) + typeBytes + payload + bigEndian(crc32(typeBytes + payload))
    }

    private static func crc32(_ bytes: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
        }
        return ~crc
    }

    private static func bigEndian(_ value: UInt32) -> [UInt8] {
        [UInt8(value >> 24), UInt8((value >> 16) & 0xFF), UInt8((value >> 8) & 0xFF), UInt8(value & 0xFF)]
    }
}
