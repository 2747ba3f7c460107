import Discogs
import Foundation
import MCP

/// Reads what ranking a master's versions needs, within a bounded number of Discogs requests.
///
/// One read for the master, one per 100 versions (at most `maxVersionPages`), and for listening or
/// value one per examined version (at most `examine`: the user's own first, then the most collected). Every read goes through
/// the client's response cache and governor, so asking again, or for another page, is nearly free.
struct PressingSurvey {
    /// 500 versions: more than almost any master has; beyond it the answer says what it left out.
    static let maxVersionPages = 5

    struct Result {
        var master: Master
        var baseline: PressingBaseline
        var ranked: [RankedPressing]
        /// Versions Discogs reports for the master (with the filters applied).
        var totalVersions: Int
        var examined: Int
    }

    let api: any DiscogsAPI
    let credential: DiscogsCredential
    let index: CollectionIndex
    let username: String

    func run(masterID: Int, purpose: PressingPurpose, examine: Int, format: String?, country: String?) async throws -> Result {
        let master = try await api.master(id: masterID, as: credential)
        var versions: [MasterVersion] = []
        var total = 0
        for page in 1...Self.maxVersionPages {
            let listing = try await api.masterVersions(
                masterID: masterID,
                page: page,
                perPage: 100,
                format: format,
                country: country,
                sort: "released",
                sortOrder: "asc",
                as: credential
            )
            versions += listing.items
            total = listing.pagination.items
            if !listing.pagination.hasNextPage { break }
        }
        let owned = try await ownedReleaseIDs(versions.map(\.id))
        var facts = versions.map { PressingFacts($0, owned: owned.contains($0.id)) }
        let main = master.mainRelease
        var origin = facts.first { $0.releaseID == main }?.country
        if origin == nil, let main { origin = try? await api.release(id: main, as: credential).country }
        if !purpose.needsDetails {
            for position in facts.indices { facts[position].examined = true }
        } else {
            facts.sort { ($0.owned ? 1 : 0, $0.have ?? 0, -$0.releaseID) > ($1.owned ? 1 : 0, $1.have ?? 0, -$1.releaseID) }
            for position in facts.indices.prefix(examine) {
                switch purpose {
                case .listening: facts[position].learn(try await api.release(id: facts[position].releaseID, as: credential))
                case .value: facts[position].learn(try await api.marketplaceStats(releaseID: facts[position].releaseID, as: credential))
                case .collector: break
                }
            }
        }
        let baseline = PressingBaseline(masterYear: master.year?.value.flatMap { $0 > 0 ? $0 : nil }, mainReleaseID: main, originCountry: origin)
        return Result(
            master: master,
            baseline: baseline,
            ranked: PressingRanking.rank(facts, for: purpose, baseline: baseline),
            totalVersions: total,
            examined: purpose.needsDetails ? min(examine, facts.count) : facts.count
        )
    }

    /// The listed releases the user has a copy of, from the collection index.
    func ownedReleaseIDs(_ ids: [Int]) async throws -> Set<Int> {
        var owned = Set<Int>()
        for start in stride(from: 0, to: ids.count, by: 100) {
            let chunk = Array(ids[start..<min(ids.count, start + 100)])
            var number = 1
            while true {
                let page = try await index.search(IndexQuery(username: username, list: .collection, releaseIDs: chunk, page: number, perPage: 100))
                owned.formUnion(page.items.map(\.releaseID))
                guard page.hasNextPage else { break }
                number += 1
            }
        }
        return owned
    }
}
