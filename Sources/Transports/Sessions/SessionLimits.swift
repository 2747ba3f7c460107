/// Caps that keep one caller, or anonymous callers together, from using up the session table
/// (issue 14 point 3): sessions and open listen streams count alike.
public struct SessionLimits: Sendable, Hashable {
    /// Most sessions and listen streams one signed-in principal may hold.
    public var perPrincipal: Int
    /// Most anonymous sessions and listen streams from one client address.
    public var perAddress: Int
    /// Places of the registry's maximum that anonymous callers can never take.
    public var reservedForSignedIn: Int
    /// An anonymous session that never signed in ends this long after it opened, stream or not.
    public var anonymousLifetime: Duration

    public init(perPrincipal: Int, perAddress: Int, reservedForSignedIn: Int, anonymousLifetime: Duration) {
        self.perPrincipal = perPrincipal
        self.perAddress = perAddress
        self.reservedForSignedIn = reservedForSignedIn
        self.anonymousLifetime = anonymousLifetime
    }

    /// No caps beyond the registry's maximum (tests of other behaviour).
    public static let unlimited = SessionLimits(
        perPrincipal: .max,
        perAddress: .max,
        reservedForSignedIn: 0,
        anonymousLifetime: .seconds(365 * 86_400)
    )
}
