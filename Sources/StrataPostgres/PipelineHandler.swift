import NIOCore

/// Sends a run of statements to the server as one pipeline and reads their answers, on a
/// connection that PostgresNIO otherwise owns.
///
/// PostgresNIO (1.33) sends a query only after the server has answered the one before,
/// so each statement costs a round trip in which the server waits for the client. Here a
/// run's statements go out in one write, each as Parse, Bind, Execute and Sync (unnamed
/// statement and portal, text parameters and results), and the server runs them back to
/// back. Each statement keeps its own Sync, as PostgresNIO sends it, so a run behaves as
/// the same statements sent one by one: inside a transaction block a failure aborts the
/// transaction and the server refuses the statements after it (25P02), and a `COMMIT`
/// among them ends it.
///
/// The handler sits next to PostgresNIO's own, after TLS, and passes every byte through
/// untouched while no run is pending. Runs and PostgresNIO's queries go out in the order
/// they were handed over (``send(_:on:)``, ``sendDriverQuery(_:)``): runs follow each
/// other and PostgresNIO's queries follow each other at once, but a run waits until
/// PostgresNIO has no query in flight and a query waits until every run before it is
/// answered, so that the answers in between belong to the runs alone. Asynchronous
/// messages that arrive meanwhile (notices, parameter changes, notifications) are passed
/// on to PostgresNIO. Confined to the channel's event loop.
final class PipelineHandler: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = ByteBuffer
    typealias OutboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    /// One run: its encoded messages, a promise per statement, how many are answered, and
    /// the error the server reported for the statement it is answering.
    private struct Run {
        let message: ByteBuffer
        let statements: [String]
        let answers: [EventLoopPromise<Void>]
        var answered = 0
        var error: DatabaseError?
    }

    private enum Operation {
        case run(Run)
        /// Sends a query through PostgresNIO; the future completes with its answer.
        case driverQuery(() -> EventLoopFuture<Void>)
    }

    /// What has been handed over but not sent yet, in order.
    private var waiting = CircularBuffer<Operation>()
    /// Runs written, in the order the server answers them.
    private var sent = CircularBuffer<Run>()
    private var driverQueriesInFlight = 0
    /// Bytes of an answer not yet whole.
    private var unread: ByteBuffer?
    private var context: ChannelHandlerContext?

    func handlerAdded(context: ChannelHandlerContext) { self.context = context }

    func handlerRemoved(context: ChannelHandlerContext) { self.context = nil }

    /// Sends `statements` as one run; the futures answer each statement in order.
    func send(_ statements: [QueuedStatement], on eventLoop: any EventLoop) -> [EventLoopFuture<Void>] {
        guard !statements.isEmpty else { return [] }
        let answers = statements.map { _ in eventLoop.makePromise(of: Void.self) }
        waiting.append(.run(Run(message: Self.encode(statements), statements: statements.map(\.sql), answers: answers)))
        pump()
        return answers.map(\.futureResult)
    }

    /// Has `start` send a query through PostgresNIO when the runs before it are answered.
    func sendDriverQuery(_ start: @escaping () -> EventLoopFuture<Void>) {
        waiting.append(.driverQuery(start))
        pump()
    }

    /// Sends what may go now.
    private func pump() {
        while let next = waiting.first {
            switch next {
            case .run(var run):
                guard driverQueriesInFlight == 0 else { return }
                waiting.removeFirst()
                guard let context, context.channel.isActive else {
                    failClosed(&run)
                    continue
                }
                sent.append(run)
                context.writeAndFlush(wrapOutboundOut(run.message), promise: nil)
            case .driverQuery(let start):
                guard sent.isEmpty else { return }
                waiting.removeFirst()
                driverQueriesInFlight += 1
                // The future completes on this loop, where the handler lives.
                start().assumeIsolated().whenComplete { [self] _ in
                    driverQueriesInFlight -= 1
                    pump()
                }
            }
        }
    }

    /// PostgresNIO's writes that arrived while runs were pending: a query sent on the
    /// connection directly, not through the session. They go out once the runs are
    /// answered, so that their answers cannot mix.
    private var heldWrites: [(ByteBuffer, EventLoopPromise<Void>?)] = []

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        if sent.isEmpty && heldWrites.isEmpty {
            context.write(data, promise: promise)
        } else {
            heldWrites.append((unwrapOutboundIn(data), promise))
        }
    }

    private func releaseHeldWrites(context: ChannelHandlerContext) {
        guard !heldWrites.isEmpty else { return }
        let writes = heldWrites
        heldWrites = []
        for (buffer, promise) in writes { context.write(wrapOutboundOut(buffer), promise: promise) }
        context.flush()
    }

    // MARK: Answers

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        if sent.isEmpty && unread == nil {
            context.fireChannelRead(data)
            return
        }
        var incoming = unwrapInboundIn(data)
        if unread == nil {
            unread = incoming
        } else {
            unread!.writeBuffer(&incoming)
        }
        readAnswers(context: context)
    }

    private func readAnswers(context: ChannelHandlerContext) {
        while !sent.isEmpty, var buffer = unread, let (type, body) = Self.readMessage(&buffer) {
            unread = buffer
            switch type {
            case UInt8(ascii: "E"):
                let index = sent.startIndex
                var fields = body
                sent[index].error = Self.error(fields: &fields, statement: sent[index].statements[sent[index].answered])
            case UInt8(ascii: "Z"):
                // ReadyForQuery: the statement's Sync; it is answered.
                let index = sent.startIndex
                let answered = sent[index].answered
                if let error = sent[index].error {
                    sent[index].answers[answered].fail(error)
                } else {
                    sent[index].answers[answered].succeed(())
                }
                sent[index].answered += 1
                sent[index].error = nil
                if sent[index].answered == sent[index].answers.count {
                    sent.removeFirst()
                    if sent.isEmpty {
                        releaseHeldWrites(context: context)
                        pump()
                    }
                }
            case UInt8(ascii: "N"), UInt8(ascii: "S"), UInt8(ascii: "A"):
                // Notices, parameter changes and notifications are PostgresNIO's.
                var message = context.channel.allocator.buffer(capacity: 5 + body.readableBytes)
                message.writeInteger(type)
                message.writeInteger(Int32(4 + body.readableBytes))
                var body = body
                message.writeBuffer(&body)
                context.fireChannelRead(wrapInboundOut(message))
            default:
                // ParseComplete, BindComplete, rows, CommandComplete, COPY TO STDOUT's data:
                // nothing to keep.
                break
            }
        }
        if let buffer = unread, buffer.readableBytes == 0 || sent.isEmpty {
            unread = nil
            // Bytes past the last run's ReadyForQuery would be PostgresNIO's; none are
            // expected, since it sends nothing while a run is pending.
            if buffer.readableBytes > 0 { context.fireChannelRead(wrapInboundOut(buffer)) }
        } else if let buffer = unread, buffer.readerIndex > 65_536 {
            var compacted = buffer
            compacted.discardReadBytes()
            unread = compacted
        }
    }

    /// Fails the run's unanswered statements as lost with the connection, or the one
    /// being answered with the error the server reported for it.
    private func failClosed(_ run: inout Run) {
        for index in run.answered..<run.answers.count {
            let error = index == run.answered ? run.error : nil
            run.answers[index].fail(error ?? DatabaseError.connectionClosed(statement: run.statements[index]))
        }
        run.answered = run.answers.count
    }

    func channelInactive(context: ChannelHandlerContext) {
        // Runs sent are lost with the connection; what waits is sent now and fails (a
        // run here, PostgresNIO's query in PostgresNIO, which sees the channel closed).
        while var run = sent.popFirst() { failClosed(&run) }
        unread = nil
        for (_, promise) in heldWrites { promise?.fail(ChannelError.ioOnClosedChannel) }
        heldWrites = []
        self.context = nil
        context.fireChannelInactive()
        pump()
    }

    // MARK: Wire format

    /// One whole message off `buffer`: its type byte and body; nil until it has all arrived.
    private static func readMessage(_ buffer: inout ByteBuffer) -> (UInt8, ByteBuffer)? {
        guard buffer.readableBytes >= 5,
              let type = buffer.getInteger(at: buffer.readerIndex, as: UInt8.self),
              let length = buffer.getInteger(at: buffer.readerIndex + 1, as: Int32.self),
              length >= 4, buffer.readableBytes >= 1 + Int(length) else { return nil }
        buffer.moveReaderIndex(forwardBy: 5)
        return (type, buffer.readSlice(length: Int(length) - 4)!)
    }

    /// Parse, Bind, Execute and Sync for each statement.
    static func encode(_ statements: [QueuedStatement]) -> ByteBuffer {
        var out = ByteBuffer()
        out.reserveCapacity(statements.reduce(0) { $0 + $1.sql.utf8.count + 64 })
        for statement in statements {
            message(UInt8(ascii: "P"), into: &out) { out in
                out.writeInteger(UInt8(0))  // unnamed statement
                out.writeString(statement.sql)
                out.writeInteger(UInt8(0))
                out.writeInteger(Int16(statement.parameters.count))
                for _ in statement.parameters { out.writeInteger(Int32(25)) }  // text
            }
            message(UInt8(ascii: "B"), into: &out) { out in
                out.writeInteger(UInt8(0))  // unnamed portal
                out.writeInteger(UInt8(0))  // unnamed statement
                out.writeInteger(Int16(0))  // parameters in text
                out.writeInteger(Int16(statement.parameters.count))
                for parameter in statement.parameters {
                    if let parameter {
                        out.writeInteger(Int32(parameter.utf8.count))
                        out.writeString(parameter)
                    } else {
                        out.writeInteger(Int32(-1))
                    }
                }
                out.writeInteger(Int16(0))  // results in text
            }
            message(UInt8(ascii: "E"), into: &out) { out in
                out.writeInteger(UInt8(0))  // unnamed portal
                out.writeInteger(Int32(0))  // every row
            }
            message(UInt8(ascii: "S"), into: &out) { _ in }
        }
        return out
    }

    private static func message(_ type: UInt8, into out: inout ByteBuffer, body: (inout ByteBuffer) -> Void) {
        out.writeInteger(type)
        let lengthAt = out.writerIndex
        out.writeInteger(Int32(0))
        body(&out)
        out.setInteger(Int32(out.writerIndex - lengthAt), at: lengthAt)
    }

    /// An ErrorResponse's fields (a code byte and a string each, then a zero byte) as the
    /// error PostgresNIO's path reports for the same server error.
    static func error(fields: inout ByteBuffer, statement: String?) -> DatabaseError {
        var values: [UInt8: String] = [:]
        while let code = fields.readInteger(as: UInt8.self), code != 0,
              let end = fields.readableBytesView.firstIndex(of: 0) {
            values[code] = fields.readString(length: end - fields.readerIndex)
            fields.moveReaderIndex(forwardBy: 1)
        }
        func field(_ code: Character) -> String? { values[code.asciiValue!] }
        let server = ServerError(
            sqlState: field("C") ?? "XX000", severity: field("V") ?? field("S"), message: field("M") ?? "(no message)",
            detail: field("D"), hint: field("H"), position: field("P").flatMap { Int($0) }, context: field("W"),
            schema: field("s"), table: field("t"), column: field("c"), dataType: field("d"), constraint: field("n")
        )
        return DatabaseError.from(server, statement: statement)
    }
}
