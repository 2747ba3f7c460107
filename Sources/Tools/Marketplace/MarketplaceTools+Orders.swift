import Discogs
import Foundation
import MCP

extension MarketplaceTools {
    static let orderSchema = CatalogSchema.object(
        [
            "id": CatalogSchema.string, "status": CatalogSchema.string, "created": CatalogSchema.string, "last_activity": CatalogSchema.string,
            "buyer": CatalogSchema.string, "seller": CatalogSchema.string, "total": CatalogSchema.price, "shipping": CatalogSchema.price,
            "fee": CatalogSchema.price, "next_status": CatalogSchema.strings, "shipping_address": CatalogSchema.string,
            "additional_instructions": CatalogSchema.string,
            "items": CatalogSchema.array(
                CatalogSchema.object([
                    "listing_id": CatalogSchema.int, "release_id": CatalogSchema.int, "release": CatalogSchema.string, "price": CatalogSchema.price,
                ])
            ),
        ],
        required: ["id"]
    )

    static func order(_ order: Order) -> JSONValue {
        StructuredValue.object([
            "id": .string(order.id.value), "status": StructuredValue.string(order.status), "created": StructuredValue.string(order.created),
            "last_activity": StructuredValue.string(order.lastActivity), "buyer": StructuredValue.string(order.buyer?.username),
            "seller": StructuredValue.string(order.seller?.username),
            "total": StructuredValue.price(order.total), "shipping": StructuredValue.price(order.shipping), "fee": StructuredValue.price(order.fee),
            "next_status": StructuredValue.strings(order.nextStatus),
            "shipping_address": StructuredValue.string(order.shippingAddress),
            "additional_instructions": StructuredValue.string(order.additionalInstructions),
            "items": StructuredValue.array(order.items) { item in
                StructuredValue.object([
                    "listing_id": StructuredValue.int(item.id), "release_id": StructuredValue.int(item.release?.id),
                    "release": StructuredValue.string(item.release?.description),
                    "price": StructuredValue.price(item.price),
                ])
            },
        ])
    }

    static func orderLine(_ order: Order) -> String {
        "- [order \(order.id.value)] \(order.status ?? "?") · buyer \(order.buyer?.username ?? "?") · \(Wording.count(order.items?.count ?? 0, "item")) · total \(StructuredValue.priceText(order.total))"
            + (order.created.map { " · created \($0.prefix(10))" } ?? "")
    }

    static func listOrders(_ environment: DiscogsToolEnvironment) -> CatalogTool {
        let definition = ToolDefinition(
            name: "list_orders",
            title: "List marketplace orders",
            description: "The user's marketplace orders as seller, newest first. Status Payment Received: orders to ship.",
            inputSchema: CatalogSchema.input([
                "status": CatalogSchema.choice(["All"] + CatalogSchema.orderStatuses + ["Merged", "Order Changed"]),
                "sort": CatalogSchema.choice(["id", "buyer", "created", "status", "last_activity"]),
                "sort_order": CatalogSchema.sortOrder, "page": CatalogSchema.page, "per_page": CatalogSchema.perPage(),
            ]),
            outputSchema: CatalogSchema.paged("orders", orderSchema),
            annotations: .discogsRead,
            requiredScope: CatalogScope.marketplace
        )
        return CatalogTool(definition) { arguments, context in
            let account = try await environment.account(for: context)
            let page = try await environment.api.orders(
                status: arguments.string("status"),
                sort: arguments.string("sort"),
                sortOrder: arguments.string("sort_order"),
                page: arguments.page,
                perPage: arguments.perPage(),
                as: account.credential
            )
            let lines = [StructuredValue.pageLine(page.pagination, shown: page.items.count, noun: "order")] + page.items.map(orderLine)
            return .text(
                lines.joined(separator: "\n"),
                structured: ["pagination": StructuredValue.pagination(page.pagination), "orders": .array(page.items.map(order))]
            )
        }
    }

    static func orderDetails(_ found: Order) -> String {
        var lines = [orderLine(found)]
        for item in found.items ?? [] {
            lines.append("  • \(item.release?.description ?? "release \(item.release?.id ?? 0)") — \(StructuredValue.priceText(item.price))")
        }
        if let shipping = found.shipping { lines.append("Shipping: \(StructuredValue.priceText(shipping))") }
        if let address = found.shippingAddress, !address.isEmpty { lines.append("Ship to: " + address.replacingOccurrences(of: "\n", with: ", ")) }
        if let next = found.nextStatus, !next.isEmpty { lines.append("Possible next statuses: " + next.joined(separator: ", ")) }
        return lines.joined(separator: "\n")
    }

    static func getOrder(_ environment: DiscogsToolEnvironment) -> CatalogTool {
        let definition = ToolDefinition(
            name: "get_order",
            title: "Get a marketplace order",
            description: "One marketplace order: status, buyer, items, shipping, fee, total, address, and the statuses it can move to.",
            inputSchema: CatalogSchema.input(["order_id": CatalogSchema.orderID], required: ["order_id"]),
            outputSchema: orderSchema,
            annotations: .discogsRead,
            requiredScope: CatalogScope.marketplace
        )
        return CatalogTool(definition) { arguments, context in
            let account = try await environment.account(for: context)
            let found = try await environment.api.order(id: try arguments.requiredString("order_id"), as: account.credential)
            return .text(orderDetails(found), structured: order(found))
        }
    }

    static func updateOrder(_ environment: DiscogsToolEnvironment) -> CatalogTool {
        let definition = ToolDefinition(
            name: "update_order",
            title: "Update an order",
            description: "Changes an order the user sold: its status or its shipping cost, one per call. Discogs notifies the buyer.",
            inputSchema: CatalogSchema.input(
                [
                    "order_id": CatalogSchema.orderID,
                    "status": CatalogSchema.choice(CatalogSchema.orderStatuses),
                    "shipping": ["type": "number", "minimum": 0, "maximum": 100_000, "description": "In the order's currency."],
                ],
                required: ["order_id"]
            ),
            outputSchema: orderSchema,
            annotations: .discogsWrite(idempotent: true),
            requiredScope: CatalogScope.marketplace
        )
        return CatalogTool(definition) { arguments, context in
            let account = try await environment.account(for: context)
            let status = arguments.string("status")
            let shipping = arguments.double("shipping")
            switch (status, shipping) {
            case (nil, nil): throw ToolFailure("Give either `status` or `shipping` to change.")
            case (.some, .some): throw ToolFailure("Discogs changes either the status or the shipping cost in one call, not both: make two calls.")
            default: break
            }
            let updated = try await environment.api.updateOrder(
                id: try arguments.requiredString("order_id"),
                status: status,
                shipping: shipping,
                as: account.credential
            )
            return .text("Updated order \(updated.id.value).\n" + orderDetails(updated), structured: order(updated))
        }
    }

    static let messageSchema = CatalogSchema.object([
        "from": CatalogSchema.string, "subject": CatalogSchema.string, "message": CatalogSchema.string, "type": CatalogSchema.string,
        "timestamp": CatalogSchema.string,
    ])

    static func message(_ message: OrderMessage) -> JSONValue {
        StructuredValue.object([
            "from": StructuredValue.string(message.from?.username), "subject": StructuredValue.string(message.subject),
            "message": StructuredValue.string(message.message),
            "type": StructuredValue.string(message.type), "timestamp": StructuredValue.string(message.timestamp),
        ])
    }

    static func getOrderMessages(_ environment: DiscogsToolEnvironment) -> CatalogTool {
        let definition = ToolDefinition(
            name: "get_order_messages",
            title: "Read an order's messages",
            description: "The message thread of a marketplace order (messages and status changes), newest first.",
            inputSchema: CatalogSchema.input(
                [
                    "order_id": CatalogSchema.orderID, "page": CatalogSchema.page, "per_page": CatalogSchema.perPage(),
                ],
                required: ["order_id"]
            ),
            outputSchema: CatalogSchema.paged("messages", messageSchema, extra: ["order_id": CatalogSchema.string]),
            annotations: .discogsRead,
            requiredScope: CatalogScope.marketplace
        )
        return CatalogTool(definition) { arguments, context in
            let account = try await environment.account(for: context)
            let orderID = try arguments.requiredString("order_id")
            let page = try await environment.api.orderMessages(
                id: orderID,
                page: arguments.page,
                perPage: arguments.perPage(),
                as: account.credential
            )
            let lines =
                ["Messages on order \(orderID). " + StructuredValue.pageLine(page.pagination, shown: page.items.count, noun: "message")]
                + page.items.map {
                    "- \($0.timestamp ?? "") \($0.from?.username ?? "Discogs"): \($0.message ?? "")"
                }
            return .text(
                lines.joined(separator: "\n"),
                structured: [
                    "order_id": .string(orderID), "pagination": StructuredValue.pagination(page.pagination),
                    "messages": .array(page.items.map(message)),
                ]
            )
        }
    }

    static func sendOrderMessage(_ environment: DiscogsToolEnvironment) -> CatalogTool {
        let definition = ToolDefinition(
            name: "send_order_message",
            title: "Message the other party of an order",
            description: "Sends a message on an order's thread; Discogs e-mails it to the other party. It cannot be recalled.",
            inputSchema: CatalogSchema.input(
                [
                    "order_id": CatalogSchema.orderID,
                    "message": CatalogSchema.text(maxLength: 5_000),
                    "status": CatalogSchema.choice(CatalogSchema.orderStatuses, "Set along with the message."),
                ],
                required: ["order_id", "message"]
            ),
            outputSchema: messageSchema,
            annotations: .discogsWrite(),
            requiredScope: CatalogScope.marketplace
        )
        return CatalogTool(definition) { arguments, context in
            let account = try await environment.account(for: context)
            let orderID = try arguments.requiredString("order_id")
            let sent = try await environment.api.sendOrderMessage(
                id: orderID,
                message: try arguments.requiredString("message"),
                status: arguments.string("status"),
                as: account.credential
            )
            return .text(
                "Sent the message on order \(orderID)" + (arguments.string("status").map { " and set its status to \($0)" } ?? "") + ".",
                structured: message(sent)
            )
        }
    }
}
