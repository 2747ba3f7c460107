import Foundation
import PostgresNIO

/// Column readers shared by the PostgreSQL repositories (times are seconds since 1970, as in SQLite).
enum PostgresColumns {
    static func date(_ row: PostgresRandomAccessRow, _ column: String) throws -> Date {
        Date(timeIntervalSince1970: try row[column].decode(Double.self))
    }

    static func optionalDate(_ row: PostgresRandomAccessRow, _ column: String) throws -> Date? {
        try row[column].decode(Double?.self).map(Date.init(timeIntervalSince1970:))
    }
}
