import SIGAPPipeline

/// One run at a time per pipeline in a shared database (SPEC §15): a session-level advisory lock
/// keyed by the pipeline's programme and region, held by a connection of its own for as long as
/// this object lives, released by the server when that connection ends, however it ends. Two
/// regions run at once; a second run of one region is refused at once.
public final class PostgresRunLock: RunLock {
    private let session: PostgresSession

    /// Takes the lock without waiting; nil when another run holds it.
    public init?(url: PostgresStoreURL, programme: String, region: String) throws {
        session = try PostgresSession(url)
        let taken = try session.text(
            "SELECT pg_try_advisory_lock(hashtextextended($1, 0))::text", [.text("sigap: \(programme) \(region)")])
        guard taken == "true" else {
            session.close()
            return nil
        }
    }

    public var isHolding: Bool { true }

    deinit {
        session.close()
    }
}
