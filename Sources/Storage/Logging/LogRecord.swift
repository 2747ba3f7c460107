import Foundation

/// One structured log event, already redacted.
public struct LogRecord: Sendable, Hashable {
    public var timestamp: Date
    public var level: String
    public var label: String
    public var message: String
    public var metadata: [String: String]
    public var requestID: String?
    public var source: String

    public init(timestamp: Date, level: String, label: String, message: String, metadata: [String: String], requestID: String?, source: String) {
        self.timestamp = timestamp
        self.level = level
        self.label = label
        self.message = message
        self.metadata = metadata
        self.requestID = requestID
        self.source = source
    }
}

/// How events are written to stderr.
public enum LogFormat: String, Sendable, CaseIterable {
    case json
    case logfmt

    public func line(_ event: LogRecord) -> String {
        let time = event.timestamp.formatted(.iso8601.time(includingFractionalSeconds: true).dateSeparator(.dash).year().month().day())
        switch self {
        case .json:
            var fields: [(String, String)] = [("ts", time), ("level", event.level), ("logger", event.label), ("msg", event.message)]
            if let id = event.requestID { fields.append(("request_id", id)) }
            for key in event.metadata.keys.sorted() where key != "request_id" {
                fields.append((key, event.metadata[key] ?? ""))
            }
            return "{" + fields.map { "\(Self.quote($0.0)):\(Self.quote($0.1))" }.joined(separator: ",") + "}"
        case .logfmt:
            var parts = ["ts=\(time)", "level=\(event.level)", "logger=\(Self.logfmtValue(event.label))", "msg=\(Self.logfmtValue(event.message))"]
            if let id = event.requestID { parts.append("request_id=\(id)") }
            for key in event.metadata.keys.sorted() where key != "request_id" {
                parts.append("\(key)=\(Self.logfmtValue(event.metadata[key] ?? ""))")
            }
            return parts.joined(separator: " ")
        }
    }

    static func quote(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20: out += String(format: "\\u%04x", scalar.value)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    static func logfmtValue(_ text: String) -> String {
        text.contains(where: { $0 == " " || $0 == "\"" || $0 == "=" || $0.isNewline }) || text.isEmpty ? quote(text) : text
    }
}
