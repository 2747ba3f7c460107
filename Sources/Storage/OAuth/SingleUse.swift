/// Outcome of an atomic "consume once" on a code or refresh token.
public enum SingleUse<Record: Sendable & Hashable>: Sendable, Hashable {
    /// This caller consumed it; the record as it was before.
    case fresh(Record)
    /// It had been consumed before (a replay).
    case alreadyUsed(Record)
}
