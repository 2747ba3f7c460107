// swift-tools-version:6.2
// libFuzzer targets for the parsers that face hostile input. A package of its own, so the normal
// `swift build` never compiles them; `scripts/fuzz` builds it with `-sanitize=fuzzer,address` in
// `.build-fuzz` and runs each target over its seed corpus in `Fuzz/Corpus/<target>`.
import PackageDescription

let fuzzTarget = { (name: String, dependencies: [Target.Dependency]) in
    Target.executableTarget(name: name, dependencies: ["FuzzKit"] + dependencies)
}

let package = Package(
    name: "discogs-mcp-fuzz",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(name: "discogs-mcp", path: ".."),
        .package(url: "https://github.com/groue/GRDB.swift.git", from: "7.10.0"),
    ],
    targets: [
        .target(name: "FuzzSupport"),
        .target(name: "FuzzKit", dependencies: ["FuzzSupport"]),
        fuzzTarget("FuzzJSONRPC", [.product(name: "MCP", package: "discogs-mcp")]),
        fuzzTarget("FuzzModernEnvelope", [.product(name: "MCP", package: "discogs-mcp")]),
        fuzzTarget("FuzzOAuthForm", [.product(name: "Auth", package: "discogs-mcp")]),
        fuzzTarget("FuzzRedirectURI", [.product(name: "Auth", package: "discogs-mcp")]),
        fuzzTarget("FuzzSSE", [.product(name: "Transports", package: "discogs-mcp"), .product(name: "MCP", package: "discogs-mcp")]),
        fuzzTarget("FuzzFTSQuery", [.product(name: "Storage", package: "discogs-mcp"), .product(name: "GRDB", package: "GRDB.swift")]),
    ]
)
