/// Stable sorting by a key, so equal keys keep their stored order and pages stay consistent.
extension Array {
    func stableSorted<Key: Comparable>(by key: (Element) -> Key) -> [Element] {
        var keyed: [(key: Key, offset: Int, element: Element)] = []
        keyed.reserveCapacity(count)
        for (offset, element) in enumerated() {
            keyed.append((key: key(element), offset: offset, element: element))
        }
        keyed.sort { (lhs, rhs) -> Bool in
            if lhs.key == rhs.key { return lhs.offset < rhs.offset }
            return lhs.key < rhs.key
        }
        return keyed.map { entry in entry.element }
    }
}
