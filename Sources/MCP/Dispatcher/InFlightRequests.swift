/// Tool calls still running, so `notifications/cancelled` can stop them.
actor InFlightRequests {
    private var running: [String: @Sendable () -> Void] = [:]

    func register(_ key: String, cancel: @escaping @Sendable () -> Void) {
        running[key] = cancel
    }

    func finish(_ key: String) {
        running[key] = nil
    }

    /// Cancels the request if it is still running; unknown or finished ids are ignored, as the spec allows.
    func cancel(_ key: String) {
        running.removeValue(forKey: key)?()
    }
}
