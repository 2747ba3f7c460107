// BenchBareRoute: the "bare Hummingbird route" baseline of the benchmark in bench/.
//
//   BenchBareRoute --port N --body FILE [--host 127.0.0.1]
//
// Serves `POST /mcp` with exactly the bytes of FILE, read once at start-up,
// as `Content-Type: application/json`. Nothing else: no JSON parsing, no middleware, no auth.
// The request body is collected (bounded) so the work per request matches a server that reads
// the JSON-RPC message, but it is not inspected.

import Foundation
import Hummingbird

struct Options {
    var host = "127.0.0.1"
    var port = 8090
    var bodyPath: String?
}

func usage(_ message: String) -> Never {
    FileHandle.standardError.write(Data("BenchBareRoute: \(message)\nusage: BenchBareRoute --port N --body FILE [--host ADDR]\n".utf8))
    exit(2)
}

func parseOptions() -> Options {
    var options = Options()
    var args = CommandLine.arguments.dropFirst()
    while let arg = args.popFirst() {
        switch arg {
        case "--port":
            guard let value = args.popFirst(), let port = Int(value), (0...65535).contains(port) else { usage("bad --port") }
            options.port = port
        case "--host":
            guard let value = args.popFirst() else { usage("bad --host") }
            options.host = value
        case "--body":
            guard let value = args.popFirst() else { usage("bad --body") }
            options.bodyPath = value
        case "-h", "--help":
            usage("help")
        default:
            usage("unknown argument \(arg)")
        }
    }
    return options
}

let options = parseOptions()
guard let path = options.bodyPath else { usage("--body FILE is required") }
guard let bytes = FileManager.default.contents(atPath: path) else { usage("cannot read \(path)") }

let body = ByteBuffer(bytes: bytes)
let headers: HTTPFields = [.contentType: "application/json"]

let router = Router()
@Sendable func serve(_ request: Request, _ context: BasicRequestContext) async throws -> Response {
    _ = try await request.body.collect(upTo: 1 << 20)
    return Response(status: .ok, headers: headers, body: .init(byteBuffer: body))
}
router.post("mcp", use: serve)

let app = Application(
    router: router,
    configuration: .init(address: .hostname(options.host, port: options.port), serverName: nil)
)
try await app.runService()
