import NIOCore
import PostgresNIO
import SIGAPDomain
import SIGAPPipeline

/// Staged extractions (SPEC §15): acknowledgement and roster files kept by their SHA-256, as the
/// embedded store keeps them, under this store's pipeline.
extension PostgresLedgerStore {
    public func stage(acknowledgementFile sha256: String, reader: String, report: AcknowledgementReport, staged: StagedAcknowledgements)
        throws
    {
        // On a connection of its own: a million-row file's COPY (seconds on the server) goes on
        // while the run stages its rosters on the other.
        try stagingTransaction { session in
            let file: [PostgresSession.Value] = [key, .text(sha256)]
            let keptBy = try session.text("SELECT reader FROM ack_stage WHERE pipeline_id = $1 AND sha256 = $2", file)
            guard keptBy != reader else { return }
            try session.execute("DELETE FROM ack_stage WHERE pipeline_id = $1 AND sha256 = $2", file)
            // The rows a closed month shows (its `acknowledgements`) stay as they were at its close.
            let frozen =
                try session.integer(
                    """
                    SELECT COUNT(*) FROM result_ack_file f JOIN month m ON m.result_id = f.result_id
                    WHERE m.pipeline_id = $1 AND f.sha256 = $2 AND m.closed = 1
                    """, file) ?? 0 > 0
            if !frozen {
                try session.execute("DELETE FROM ack_row WHERE pipeline_id = $1 AND sha256 = $2", file)
                var rows = CopyText()
                var line = 0
                report.forEachRowBytes { row in
                    rows.field(pipeline)
                    rows.field(sha256)
                    rows.field(line)
                    rows.field(row.row)
                    rows.field(row.period)
                    rows.field(row.nik)
                    rows.field(row.name)
                    rows.field(row.kpj)
                    rows.field(row.status)
                    rows.field(row.reason)
                    rows.field(row.reasonCode)
                    rows.field(row.premium)
                    rows.endRow()
                    line += 1
                }
                try session.copy(
                    into: "ack_row", columns: ["pipeline_id", "sha256", "line"] + SQLiteSchema.acknowledgementColumns.dropFirst(), rows)
            }
            try session.execute(
                "INSERT INTO ack_stage (pipeline_id, sha256, reader, rows_read, meta, records, text) VALUES ($1, $2, $3, $4, $5, $6, $7)",
                file + [
                    .text(reader), .integer(Int64(staged.rowsRead)), .text(staged.metaJSON), .bytes(staged.records), .bytes(staged.text),
                ])
            try recordPeriods([sha256: staged.periods], on: session)
        }
    }

    public func stagedAcknowledgementFiles(reader: String) throws -> [String: Int] {
        try transaction {
            var files: [String: Int] = [:]
            try each("SELECT sha256, rows_read::text FROM ack_stage WHERE pipeline_id = $1 AND reader = $2", [key, .text(reader)]) {
                files[$0.text(0)] = $0.integer(1)
            }
            return files
        }
    }

    public func stagedAcknowledgements(sha256: String) throws -> StagedAcknowledgements? {
        try transaction {
            guard
                let row = try session.rows(
                    "SELECT records, text, meta FROM ack_stage WHERE pipeline_id = $1 AND sha256 = $2", [key, .text(sha256)]
                ).first
            else { return nil }
            let cells = row.makeRandomAccess()
            guard
                let staged = StagedAcknowledgements(
                    records: Self.bytes(cells[0]), text: Self.bytes(cells[1]), metaJSON: try cells[2].decode(String.self))
            else {
                throw StoreError.damaged("the stored rows of the acknowledgement file with SHA-256 \(sha256) cannot be read back")
            }
            return staged
        }
    }

    /// A `bytea` cell's bytes.
    static func bytes(_ cell: PostgresCell) -> [UInt8] {
        cell.bytes.map { Array($0.readableBytesView) } ?? []
    }

    public func stage(rosterFile sha256: String, reader: String, staged: StagedRoster) throws {
        try transaction {
            try beginRoster(sha256: sha256, reader: reader)
            for (index, chunk) in staged.chunks.enumerated() { try insert(chunk, index: index, sha256: sha256, reader: reader) }
            try finishRoster(sha256: sha256, reader: reader, sheetsJSON: staged.sheetsJSON, rows: staged.rows)
        }
    }

    public func beginStagedRoster(sha256: String, reader: String) throws {
        try transaction { try beginRoster(sha256: sha256, reader: reader) }
    }

    public func stage(rosterChunks chunks: [(index: Int, chunk: StagedRoster.Chunk)], sha256: String, reader: String) throws {
        try transaction {
            for (index, chunk) in chunks { try insert(chunk, index: index, sha256: sha256, reader: reader) }
        }
    }

    public func finishStagedRoster(sha256: String, reader: String, sheetsJSON: String, rows: Int) throws {
        try transaction { try finishRoster(sha256: sha256, reader: reader, sheetsJSON: sheetsJSON, rows: rows) }
    }

    private func beginRoster(sha256: String, reader: String) throws {
        let values: [PostgresSession.Value] = [key, .text(sha256), .text(reader)]
        try session.execute("DELETE FROM roster_stage WHERE pipeline_id = $1 AND sha256 = $2 AND reader = $3", values)
        try session.execute("DELETE FROM roster_chunk WHERE pipeline_id = $1 AND sha256 = $2 AND reader = $3", values)
    }

    private func insert(_ chunk: StagedRoster.Chunk, index: Int, sha256: String, reader: String) throws {
        try session.execute(
            "INSERT INTO roster_chunk (pipeline_id, sha256, reader, chunk, rows, size, data) VALUES ($1, $2, $3, $4, $5, $6, $7)",
            [
                key, .text(sha256), .text(reader), .integer(Int64(index)), .integer(Int64(chunk.rows)), .integer(Int64(chunk.size)),
                .bytes(chunk.data),
            ])
    }

    /// The row that makes the chunks an extraction (until it is there, they are not read).
    private func finishRoster(sha256: String, reader: String, sheetsJSON: String, rows: Int) throws {
        try session.execute(
            """
            INSERT INTO roster_stage (pipeline_id, sha256, reader, sheets, rows) VALUES ($1, $2, $3, $4, $5)
            ON CONFLICT (pipeline_id, sha256, reader) DO UPDATE SET sheets = excluded.sheets, rows = excluded.rows
            """, [key, .text(sha256), .text(reader), .text(sheetsJSON), .integer(Int64(rows))])
    }

    public func stagedRoster(sha256: String, reader: String) throws -> StagedRoster? {
        try transaction {
            let values: [PostgresSession.Value] = [key, .text(sha256), .text(reader)]
            guard
                let row = try session.rows(
                    "SELECT sheets, rows FROM roster_stage WHERE pipeline_id = $1 AND sha256 = $2 AND reader = $3", values
                ).first
            else { return nil }
            let (sheets, rows) = try row.decode((String, Int64).self)
            var chunks: [StagedRoster.Chunk] = []
            try session.forEachRow(
                "SELECT rows, size, data FROM roster_chunk WHERE pipeline_id = $1 AND sha256 = $2 AND reader = $3 ORDER BY chunk", values
            ) { row in
                let cells = row.makeRandomAccess()
                chunks.append(
                    StagedRoster.Chunk(
                        rows: Int(try cells[0].decode(Int64.self)), size: Int(try cells[1].decode(Int64.self)), data: Self.bytes(cells[2])))
            }
            let staged = StagedRoster(sheetsJSON: sheets, chunks: chunks)
            guard staged.rows == Int(rows) else {
                throw StoreError.damaged("the staged extraction of the roster file with SHA-256 \(sha256) is incomplete")
            }
            return staged
        }
    }

    public func dropStagedFiles(except kept: Set<String>, version: String) throws {
        try transaction {
            let prefix: [PostgresSession.Value] = [key, .integer(Int64(version.count + 1)), .text("\(version) ")]
            try session.execute("DELETE FROM roster_chunk WHERE pipeline_id = $1 AND left(reader, $2::int) <> $3", prefix)
            try session.execute("DELETE FROM roster_stage WHERE pipeline_id = $1 AND left(reader, $2::int) <> $3", prefix)
            var acknowledgements: [String] = []
            try each(
                """
                SELECT sha256 FROM ack_stage s WHERE pipeline_id = $1
                    AND NOT EXISTS (SELECT 1 FROM result_ack_file f JOIN result r ON r.id = f.result_id
                                    WHERE r.pipeline_id = $1 AND f.sha256 = s.sha256)
                """, [key]
            ) { acknowledgements.append($0.text(0)) }
            for sha256 in acknowledgements where !kept.contains(sha256) {
                try session.execute("DELETE FROM ack_row WHERE pipeline_id = $1 AND sha256 = $2", [key, .text(sha256)])
                try session.execute("DELETE FROM ack_stage WHERE pipeline_id = $1 AND sha256 = $2", [key, .text(sha256)])
            }
            var rosters: [String] = []
            try each(
                "SELECT sha256 FROM roster_stage WHERE pipeline_id = $1 UNION SELECT sha256 FROM roster_chunk WHERE pipeline_id = $1", [key]
            ) { rosters.append($0.text(0)) }
            for sha256 in rosters where !kept.contains(sha256) {
                try session.execute("DELETE FROM roster_chunk WHERE pipeline_id = $1 AND sha256 = $2", [key, .text(sha256)])
                try session.execute("DELETE FROM roster_stage WHERE pipeline_id = $1 AND sha256 = $2", [key, .text(sha256)])
            }
        }
    }

    public func link(acknowledgementFiles files: [(file: String, sha256: String)], result: Int64) throws {
        try transaction {
            try session.execute("DELETE FROM result_ack_file WHERE result_id = $1", [.integer(result)])
            for (position, file) in files.enumerated() {
                try session.execute(
                    "INSERT INTO result_ack_file (result_id, position, file, sha256) VALUES ($1, $2, $3, $4)",
                    [.integer(result), .integer(Int64(position)), .text(file.file), .text(file.sha256)])
            }
        }
    }

    public func acknowledgementPeriods() throws -> [String: Set<YearMonth>] {
        try transaction {
            var periods: [String: Set<YearMonth>] = [:]
            try each("SELECT sha256, periods FROM ack_file WHERE pipeline_id = $1", [key]) { row in
                periods[row.text(0)] = Set(row.text(1).split(separator: ";").compactMap { YearMonth(String($0)) })
            }
            return periods
        }
    }

    public func record(acknowledgementPeriods periods: [String: Set<YearMonth>]) throws {
        try transaction { try recordPeriods(periods, on: session) }
    }

    private func recordPeriods(_ periods: [String: Set<YearMonth>], on session: PostgresSession) throws {
        for (sha256, months) in periods {
            try session.execute(
                """
                INSERT INTO ack_file (pipeline_id, sha256, periods) VALUES ($1, $2, $3)
                ON CONFLICT (pipeline_id, sha256) DO UPDATE SET periods = excluded.periods
                """, [key, .text(sha256), .text(months.sorted().map(\.description).joined(separator: ";"))])
        }
    }
}
