import Foundation

/// Pre-encoded `tools/list` result pages for every revision and every combination of scopes.
///
/// `tools/list` is the request clients send most after connecting, and its answer depends only
/// on the revision, the caller's scopes and the cursor; encoding each page once at start-up
/// turns the hot path into a dictionary lookup plus a copy of bytes.
struct ToolListCache: Sendable {
    private struct Key: Hashable {
        var revision: ProtocolRevision
        var scopeMask: Int
    }

    private let scopeBits: [String: Int]
    private let pages: [Key: [EncodedResult]]
    let pageSize: Int

    /// - Parameter modernSuffix: the members modern results add after the list (`resultType`, cache hints, `_meta`).
    init(registry: ToolRegistry, pageSize: Int, modernSuffix: [UInt8]) {
        precondition(pageSize > 0, "page size must be positive")
        let scopes = registry.requiredScopes
        precondition(scopes.count <= 8, "too many distinct tool scopes to pre-encode")
        var scopeBits: [String: Int] = [:]
        for (index, scope) in scopes.enumerated() { scopeBits[scope] = 1 << index }
        self.scopeBits = scopeBits
        self.pageSize = pageSize

        var pages: [Key: [EncodedResult]] = [:]
        for revision in ProtocolRevision.allCases {
            let encodedTools = registry.tools.map { $0.definition.json(for: revision).encodedBytes }
            for mask in 0..<(1 << scopes.count) {
                let visible = zip(registry.tools, encodedTools).filter { tool, _ in
                    guard let scope = tool.definition.requiredScope, let bit = scopeBits[scope] else { return true }
                    return mask & bit != 0
                }.map(\.1)
                let chunks = stride(from: 0, to: max(visible.count, 1), by: pageSize).map { start in
                    Array(visible[start..<min(start + pageSize, visible.count)])
                }
                pages[Key(revision: revision, scopeMask: mask)] = chunks.enumerated().map { index, chunk in
                    var writer = JSONWriter(reservingCapacity: chunk.reduce(64) { $0 + $1.count + 1 })
                    writer.append("{\"tools\":[")
                    for (position, tool) in chunk.enumerated() {
                        if position > 0 { writer.append(",") }
                        writer.writeRaw(tool)
                    }
                    writer.append("]")
                    if index + 1 < chunks.count {
                        writer.append(",\"nextCursor\":")
                        writer.writeString(Self.cursor(forPage: index + 1))
                    }
                    if revision.isModern {
                        writer.writeRaw(modernSuffix)
                    }
                    writer.append("}")
                    return EncodedResult(writer.bytes)
                }
            }
        }
        self.pages = pages
    }

    /// The encoded result for one page, or `nil` when the cursor is not one this server issued.
    func page(revision: ProtocolRevision, caller: Caller, cursor: String?) -> EncodedResult? {
        var mask = 0
        for scope in caller.scopes { mask |= scopeBits[scope] ?? 0 }
        guard let all = pages[Key(revision: revision, scopeMask: mask)] else { return nil }
        guard let cursor else { return all.first }
        guard let index = PageCursor.decode(cursor, kind: "tools", pageCount: all.count) else { return nil }
        return all[index]
    }

    static func cursor(forPage index: Int) -> String {
        PageCursor.encode(kind: "tools", page: index)
    }
}
