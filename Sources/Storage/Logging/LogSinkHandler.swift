import Foundation
import Logging

/// The swift-log handler that feeds the `LogSink`, redacting on the way in.
public struct LogSinkHandler: LogHandler {
    public var metadata: Logger.Metadata = [:]
    public var metadataProvider: Logger.MetadataProvider?
    public var logLevel: Logger.Level
    private let label: String
    private let sink: LogSink

    public init(label: String, sink: LogSink, level: Logger.Level, metadataProvider: Logger.MetadataProvider?) {
        self.label = label
        self.sink = sink
        self.logLevel = level
        self.metadataProvider = metadataProvider
    }

    /// Blanks nested values whose keys name secrets, before the whole value is rendered as text.
    static func scrubbed(_ value: Logger.MetadataValue, _ redactor: Redactor) -> Logger.MetadataValue {
        switch value {
        case .dictionary(let members):
            var clean: Logger.Metadata = [:]
            for (key, member) in members {
                clean[key] = redactor.isSensitiveKey(key) ? .string(Redactor.placeholder) : scrubbed(member, redactor)
            }
            return .dictionary(clean)
        case .array(let items):
            return .array(items.map { scrubbed($0, redactor) })
        case .string, .stringConvertible:
            return value
        }
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(
        level: Logger.Level,
        message: Logger.Message,
        metadata explicit: Logger.Metadata?,
        source: String,
        file: String,
        function: String,
        line: UInt
    ) {
        var merged = metadata
        if let provided = metadataProvider?.get() { merged.merge(provided) { _, new in new } }
        if let explicit { merged.merge(explicit) { _, new in new } }
        let redactor = sink.redactor
        var flat: [String: String] = [:]
        for (key, value) in merged {
            flat[key] = redactor.isSensitiveKey(key) ? Redactor.placeholder : redactor.redact(Self.scrubbed(value, redactor).description)
        }
        let requestID = flat.removeValue(forKey: "request_id")
        sink.emit(
            LogRecord(
                timestamp: sink.clock.date,
                level: level.rawValue,
                label: label,
                message: redactor.redact(message.description),
                metadata: flat,
                requestID: requestID,
                source: source
            )
        )
    }
}
