import HTTPTypes
import Hummingbird

/// Discogs pagination: `page`/`per_page` with clamping, 404 past the end, `urls` and `Link`.
struct FakePagination {
    var page: Int
    var perPage: Int
    var items: Int
    var pages: Int { max(1, (items + perPage - 1) / perPage) }

    /// Reads and clamps the parameters (Discogs API documentation, "Pagination": `page<1` → 1, `per_page` clamped to 1…100, default 50).
    init(request: Request, total: Int) {
        let rawPage = request.query("page").flatMap { Int($0) } ?? 1
        let rawPerPage = request.query("per_page").flatMap { Int($0) } ?? 50
        page = max(1, rawPage)
        perPage = min(100, max(1, rawPerPage))
        items = total
    }

    /// The slice of `all` for this page; throws 404 beyond the last page.
    func slice<T>(_ all: [T]) throws -> ArraySlice<T> {
        guard page <= pages else { throw FakeDiscogsError.resourceNotFound }
        let start = min(all.count, (page - 1) * perPage)
        return all[start..<min(all.count, start + perPage)]
    }

    private func url(request: Request, context: FakeDiscogsContext, page: Int) -> String {
        var items = request.queryItems.filter { $0.0 != "page" && $0.0 != "per_page" }
        items.append(("page", String(page)))
        items.append(("per_page", String(perPage)))
        let query = items.map { "\(OAuthSignature.percentEncode($0.0))=\(OAuthSignature.percentEncode($0.1))" }.joined(separator: "&")
        return "\(context.baseURL)\(request.uri.path)?\(query)"
    }

    /// The applicable `first`/`prev`/`next`/`last` links only.
    private func links(request: Request, context: FakeDiscogsContext) -> [(String, String)] {
        var result: [(String, String)] = []
        if page > 1 {
            result.append(("first", url(request: request, context: context, page: 1)))
            result.append(("prev", url(request: request, context: context, page: page - 1)))
        }
        if page < pages {
            result.append(("next", url(request: request, context: context, page: page + 1)))
            result.append(("last", url(request: request, context: context, page: pages)))
        }
        return result
    }

    func json(request: Request, context: FakeDiscogsContext) -> FakeJSON {
        [
            "page": .int(page), "pages": .int(pages), "per_page": .int(perPage), "items": .int(items),
            "urls": .object(links(request: request, context: context).map { ($0.0, .string($0.1)) }),
        ]
    }

    /// A paginated body `{"pagination": …, key: items}` with the `Link` header.
    func response(key: String, items: [FakeJSON], extra: [(String, FakeJSON)] = [], request: Request, context: FakeDiscogsContext) -> Response {
        var headers = HTTPFields()
        let links = links(request: request, context: context)
        if !links.isEmpty, let name = HTTPField.Name("Link") {
            headers[name] = links.map { "<\($0.1)>; rel=\"\($0.0)\"" }.joined(separator: ", ")
        }
        let body = FakeJSON.object([("pagination", json(request: request, context: context))] + extra + [(key, .array(items))])
        return FakeReply.json(body, headers: headers)
    }
}
