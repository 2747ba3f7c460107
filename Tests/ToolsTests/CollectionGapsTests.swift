import Discogs
import Foundation
import Testing

@testable import Tools

/// `CollectionGaps` alone: Discogs listings and indexed copies in, works and gaps out.
@Suite("Collection gaps")
struct CollectionGapsTests {
    static func decode<T: Decodable>(_ json: String, as type: T.Type = T.self) throws -> T {
        try DiscogsResponse(status: 200, body: Data(json.utf8)).decode(T.self)
    }

    @Test("an artist's main works: masters by master id, lone releases by release id; other roles left out")
    func artist() throws {
        let entries: [ArtistRelease] = try Self.decode(
            #"[{"id":50,"type":"master","main_release":500,"title":"First","role":"Main","year":1970},"#
                + #"{"id":51,"type":"master","main_release":510,"title":"Second","role":"Main","year":1972},"#
                + #"{"id":600,"type":"release","title":"Single","role":"Main","year":1973,"format":"Vinyl, 7\""},"#
                + #"{"id":700,"type":"release","title":"Guest spot","role":"Appearance","year":1974}]"#
        )
        let works = CollectionGaps.artistWorks(entries)
        #expect(works.map(\.id) == [50, 51, 600])
        // The user owns a reissue of master 50 (not its main release) and nothing else of the artist.
        let owned = CollectionGaps.Owned([IndexedItem(instanceID: 1, releaseID: 999, masterID: 50, artists: ["A"], title: "First")])
        let gaps = works.filter { !CollectionGaps.isOwned($0, owned, byTitle: false) }
        #expect(gaps.map(\.id) == [51, 600])
        #expect(gaps.last?.format == "Vinyl, 7\"" && gaps.first?.releaseIDs == [510])
    }

    @Test("a label's releases grouped by artist and title, earliest first; owned by any release or an indexed copy of the title")
    func label() throws {
        let entries: [LabelRelease] = try Self.decode(
            #"[{"id":3,"title":"Album","artist":"Band (2)","year":1990,"format":"CD"},{"id":1,"title":"Album","artist":"Band (2)","year":1980,"format":"LP"},"#
                + #"{"id":5,"title":"Other","artist":"Band (2)","year":1985},{"id":7,"title":"Third","artist":"Solo","year":1999}]"#
        )
        let works = CollectionGaps.labelWorks(entries)
        #expect(works.map(\.id) == [1, 5, 7])
        #expect(works[0].releases == 2 && works[0].year == 1980 && works[0].format == "LP" && Set(works[0].releaseIDs) == [1, 3])
        let owned = CollectionGaps.Owned([
            IndexedItem(instanceID: 1, releaseID: 3, artists: ["Band"], title: "Album"),
            IndexedItem(instanceID: 2, releaseID: 42, artists: ["Solo"], title: "third"),
        ])
        #expect(works.filter { !CollectionGaps.isOwned($0, owned, byTitle: true) }.map(\.id) == [5])
        #expect(works.filter { !CollectionGaps.isOwned($0, owned, byTitle: false) }.map(\.id) == [5, 7])
    }

    @Test("Discogs' numeric disambiguation is dropped, other parentheses kept")
    func names() {
        #expect(CollectionGaps.cleanName("Nirvana (2)") == "Nirvana")
        #expect(CollectionGaps.cleanName("Sunn O)))") == "Sunn O)))")
        #expect(CollectionGaps.cleanName("Band (Live)") == "Band (Live)")
    }
}
