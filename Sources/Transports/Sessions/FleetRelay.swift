import Foundation
import Logging
import MCP
import Storage

/// This instance's end of the fleet bus: it hands list changes published here to the other
/// instances, and carries out what they address to streams held here (a list change of a
/// principal, a session's end, a login-link sign-in, a relayed `POST /messages`).
///
/// Messages from this instance itself are skipped: their effect already happened here.
struct FleetRelay: Sendable {
    let bus: any InstanceBus
    let sessions: SessionRegistry
    let listChanges: ListChangeHub
    let legacy: LegacySSEEndpoint
    let observer: (any FleetObserver)?
    let logger: Logger

    /// Sends every list change published on this instance to the fleet as well.
    func connectListChanges() async {
        let bus = self.bus
        let logger = self.logger
        await listChanges.setRelay { _, principalID in
            do {
                let payload = String(decoding: try JSONEncoder().encode(FleetListChanged(principalID: principalID)), as: UTF8.self)
                try await bus.publish(topic: FleetTopic.listChanged.rawValue, payload: payload)
            } catch {
                logger.warning("could not tell the other instances of a list change", metadata: ["error": "\(error)"])
            }
        }
    }

    /// Receives until the bus ends or the task is cancelled.
    func run() async {
        let messages = await bus.messages()
        for await message in messages where message.origin != bus.instanceID {
            let lag = max(0, Date().timeIntervalSince(message.sentAt))
            observer?.fleetMessageReceived(topic: message.topic, lag: .nanoseconds(Int64(lag * 1e9)))
            await handle(message)
        }
    }

    /// Carries out one message; unknown topics and malformed payloads are ignored.
    func handle(_ message: BusMessage) async {
        guard let topic = FleetTopic(rawValue: message.topic) else { return }
        let data = Data(message.payload.utf8)
        let decoder = JSONDecoder()
        switch topic {
        case .listChanged:
            guard let change = try? decoder.decode(FleetListChanged.self, from: data) else { return }
            await listChanges.deliverRelayed(.tools, to: change.principalID)
        case .sessionEnded:
            guard let ended = try? decoder.decode(FleetSessionEnded.self, from: data), await sessions.holds(ended.sessionID) else { return }
            await sessions.end(ended.sessionID, reason: .deleted, announce: false)
        case .sessionRebound:
            guard let rebind = try? decoder.decode(FleetRebind.self, from: data), await sessions.holds(rebind.sessionID) else { return }
            _ = await sessions.rebind(rebind.sessionID, to: rebind.caller.caller)
        case .ssePost:
            guard let post = try? decoder.decode(FleetPost.self, from: data), await sessions.holds(post.sessionID) else { return }
            await legacy.relayed(post)
        }
    }
}
