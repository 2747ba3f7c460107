import Discogs
import Testing

@testable import Tools

/// The comparison's arithmetic without Discogs: sets by release id, masters owned in different
/// pressings, shared names counted once per release and case-insensitively.
@Suite("Collection comparison")
struct CollectionComparisonTests {
    func entry(_ id: Int, master: Int? = nil, artists: [String] = ["A"], styles: [String] = []) -> CollectionComparison.Entry {
        CollectionComparison.Entry(
            releaseID: id,
            masterID: master,
            artist: artists.joined(separator: ", "),
            title: "T\(id)",
            year: nil,
            artists: artists,
            styles: styles
        )
    }

    @Test("overlap and each side's lack are set operations on release ids; duplicates count once")
    func sets() {
        let mine = [entry(1), entry(2), entry(2), entry(3, master: 30)]
        let theirs = [entry(2), entry(4, master: 30), entry(5)]
        let comparison = CollectionComparison(mine: mine, theirs: theirs)
        #expect(comparison.overlap.map(\.releaseID) == [2])
        #expect(Set(comparison.onlyMine.map(\.releaseID)) == [1, 3])
        #expect(Set(comparison.onlyTheirs.map(\.releaseID)) == [4, 5])
        #expect(comparison.sameAlbumOtherPressing == [30])
    }

    @Test("shared artists and styles: counted per release on each side, case-insensitive, most shared first")
    func sharedNames() {
        let mine = [
            entry(1, artists: ["Miles"], styles: ["Modal", "modal"]), entry(2, artists: ["Miles", "Coltrane"], styles: ["Hard Bop"]),
            entry(3, artists: ["Solo"]),
        ]
        let theirs = [entry(4, artists: ["miles"], styles: ["Modal"]), entry(5, artists: ["Coltrane"]), entry(6, artists: ["Coltrane"])]
        let comparison = CollectionComparison(mine: mine, theirs: theirs)
        #expect(comparison.sharedArtists.map { [$0.name, "\($0.mine)", "\($0.theirs)"] } == [["Coltrane", "1", "2"], ["Miles", "2", "1"]])
        #expect(comparison.sharedStyles.map { "\($0.name) \($0.mine) \($0.theirs)" } == ["Modal 1 1"])
    }
}
