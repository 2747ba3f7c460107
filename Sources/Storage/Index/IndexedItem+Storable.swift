import Foundation

extension IndexedItem {
    /// The item with every NUL character turned into a space, as it is stored.
    ///
    /// GRDB binds Swift strings as C strings, so SQLite would keep a text only up to its first NUL
    /// (a title "A\u{0}B" stored as "A", its later words never found), and PostgreSQL refuses NUL
    /// in text outright. Discogs' JSON may carry `\u0000`; nothing a person reads needs it.
    var storable: IndexedItem {
        func clean(_ text: String) -> String {
            text.contains("\u{0}") ? text.replacingOccurrences(of: "\u{0}", with: " ") : text
        }
        var item = self
        item.artists = artists.map(clean)
        item.artistDisplay = clean(artistDisplay)
        item.title = clean(title)
        item.labels = labels.map(clean)
        item.catnos = catnos.map(clean)
        item.formats = formats.map(clean)
        item.formatDisplay = clean(formatDisplay)
        item.genres = genres.map(clean)
        item.styles = styles.map(clean)
        item.country = country.map(clean)
        item.fieldValues = fieldValues.mapValues(clean)
        item.notes = clean(notes)
        item.thumb = thumb.map(clean)
        return item
    }
}
