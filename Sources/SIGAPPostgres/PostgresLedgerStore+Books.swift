import SIGAPDomain
import SIGAPPipeline

/// Reading a month's books back: its ledger lines, its book, the seal chain and its checks
/// (SPEC §16), and one person's history (SPEC §17).
extension PostgresLedgerStore {
    /// The ledger columns after `month`, as text (the shared decoder reads text), packed: a month's
    /// lines are a million rows.
    private static let ledgerColumns = PostgresRowCursor.packedColumns(
        CSVTableLoad.ledger.tableColumnKinds.enumerated().map { index, kind -> String in
            let name = CSVTableLoad.ledger.tableColumns[index]
            if case .integer = kind { return "l.\(name)::text" }
            return "l.\(name)"
        })

    /// A month's current result, if it was computed (through `connection`, else the run's).
    func resultID(of month: YearMonth, on connection: PostgresSession? = nil) throws -> Int64? {
        try (connection ?? session).integer(
            "SELECT result_id FROM month WHERE pipeline_id = $1 AND month = $2", [key, .text(month.description)])
    }

    public func ledgerLines(of month: YearMonth, entry: LedgerEntryKind?) throws -> [LedgerLine] {
        try transaction { try ledgerLines(of: month, entry: entry, on: session) }
    }

    /// The first month's lines through the run's connection, the other months' at the same time
    /// through the second connection (as on SQLite: a close's report reads two months, and the
    /// server and this process each have two cores). Each month's lines are committed ones: a
    /// report reads months no transaction of this run is changing.
    public func ledgerLines(ofEach months: [YearMonth]) throws -> [[LedgerLine]] {
        guard months.count > 1 else { return try months.map { try ledgerLines(of: $0, entry: nil) } }
        let rest = Array(months.dropFirst())
        let lines = try BackgroundTask.beside({ try ledgerLines(of: months[0], entry: nil) }) {
            try self.stagingTransaction { staging in try rest.map { try self.ledgerLines(of: $0, entry: nil, on: staging) } }
        }
        return [lines.main] + lines.other
    }

    /// `month`'s lines (of one kind) through `connection`, inside a transaction of it.
    private func ledgerLines(of month: YearMonth, entry: LedgerEntryKind?, on connection: PostgresSession) throws -> [LedgerLine] {
        guard let result = try resultID(of: month, on: connection) else { return [] }
        // By the result's key, not a join with `month`: the rows then stream in line order
        // from the primary key as the server reads them, where a join's plan may sort them all
        // first (on disk, for a million lines) before the first one is sent.
        var sql = "SELECT \(Self.ledgerColumns) FROM ledger_line l WHERE l.result_id = $1"
        // The kind written out (one of two words of this program's own), so that the index of
        // adjustment lines (migration v3) serves a month's few adjustments without reading
        // its million other lines.
        if let entry { sql += " AND l.entry = '\(entry.rawValue)'" }
        var lines: [LedgerLine] = []
        var decoder = LedgerLineDecoder(month: month)
        try each(sql + " ORDER BY l.line", [.integer(result)], packed: true, on: connection) { lines.append(try decoder.line(of: $0)) }
        return lines
    }

    /// For a closed month, read in one pass with the check of SPEC §16 (as on SQLite).
    public func ledgerBook(of month: YearMonth) throws -> AdjustmentCalculator.Book {
        try transaction {
            let name = month.description
            guard let result = try resultID(of: month) else { return AdjustmentCalculator.Book() }
            let sealed = try session.text("SELECT ledger_sha256 FROM seal WHERE pipeline_id = $1 AND month = $2", [key, .text(name)])
            var book = AdjustmentCalculator.Book()
            let take: (PostgresRowCursor) throws -> Void = { row in try LedgerLineDecoder.add(row, month: name, to: &book) }
            if let sealed {
                let digest = try digest(.ledger, result: result, month: name, row: take)
                guard digest == sealed else {
                    throw SealChain.differs(
                        month, "the store's rows render a ledger.csv other than the sealed one (SHA-256 \(digest), sealed \(sealed))")
                }
            } else {
                try each(
                    "SELECT \(Self.ledgerColumns) FROM ledger_line l WHERE l.result_id = $1 AND l.entry = 'REGULAR' AND l.for_month = $2 ORDER BY l.line",
                    [.integer(result), .text(name)], packed: true, take)
            }
            return book
        }
    }

    public func coveredKPJs(of month: YearMonth) throws -> [(nik: String, kpj: String)] {
        try transaction {
            var pairs: [(nik: String, kpj: String)] = []
            guard let result = try resultID(of: month) else { return [] }
            try each(
                """
                SELECT \(PostgresRowCursor.packedColumns(["nik", "kpj"])) FROM ledger_line
                WHERE result_id = $1 AND entry = 'REGULAR' AND status = 'COVERED' AND kpj IS NOT NULL ORDER BY line
                """, [.integer(result)], packed: true
            ) { pairs.append(($0.text(0), $0.text(1))) }
            return pairs
        }
    }

    public func seals() throws -> [MonthSeal] {
        try transaction {
            var seals: [MonthSeal] = []
            try each(
                """
                SELECT month, previous, ledger_sha256, summary_sha256, findings_sha256, seal, published::text FROM seal
                WHERE pipeline_id = $1 ORDER BY month
                """, [key]
            ) { row in
                guard let month = YearMonth(row.text(0)) else {
                    throw StoreError.damaged("the store's seal chain holds a month named '\(row.text(0))'")
                }
                seals.append(
                    MonthSeal(
                        month: month, previous: row.text(1), ledgerSHA256: row.text(2), summarySHA256: row.text(3),
                        findingsSHA256: row.text(4), seal: row.text(5), published: row.integer(6) == 1))
            }
            return seals
        }
    }

    public func markPublished(_ month: YearMonth) throws {
        try transaction {
            try session.execute(
                "UPDATE seal SET published = 1 WHERE pipeline_id = $1 AND month = $2 AND published = 0", [key, .text(month.description)])
        }
    }

    public func storedTotals(of month: YearMonth) throws -> [String: Int]? {
        try transaction {
            var totals: [String: Int]?
            try each(
                """
                SELECT \(SQLiteSchema.totals.map { "t.\($0)::text" }.joined(separator: ", "))
                FROM month m JOIN month_total t ON t.result_id = m.result_id WHERE m.pipeline_id = $1 AND m.month = $2
                """, [key, .text(month.description)]
            ) { row in
                var values: [String: Int] = [:]
                for (index, name) in SQLiteSchema.totals.enumerated() { values[name] = row.integer(Int32(index)) }
                totals = values
            }
            return totals
        }
    }

    public func storedDigests(of month: YearMonth, ledger: Bool) throws -> MonthSeal.Digests? {
        try transaction {
            let name = month.description
            guard
                let row = try session.rows(
                    "SELECT r.id, r.summary_json FROM month m JOIN result r ON r.id = m.result_id WHERE m.pipeline_id = $1 AND m.month = $2",
                    [key, .text(name)]
                ).first
            else { return nil }
            let (result, summary) = try row.decode((Int64, String?).self)
            return MonthSeal.Digests(
                ledgerSHA256: ledger ? try digest(.ledger, result: result, month: name) : "",
                summarySHA256: Fingerprint.sha256(summary ?? ""),
                findingsSHA256: try digest(.findings, result: result, month: name))
        }
    }

    /// One NIK's history through the five views, this pipeline's rows only (SPEC §17).
    public func history(of nik: String) throws -> PersonHistory {
        try transaction {
            var history = PersonHistory(nik: nik)
            let values: [PostgresSession.Value] = [.text(nik), .text(programme), .text(region), .text(String(nik.prefix(15)))]
            let cast: (String) -> String = { "\($0)::text" }
            try each(
                "SELECT \(PersonHistory.listingColumns(cast: cast)) FROM workers WHERE nik = $1 AND programme = $2 AND region = $3 ORDER BY month",
                values
            ) { history.addListing($0) }
            try each(
                """
                SELECT \(PersonHistory.findingColumns(cast: cast)) FROM findings f
                WHERE f.programme = $2 AND f.region = $3 AND (f.value = $1
                   OR (f.code = 'NIK_PRECISION_LOST' AND length($1) = 16 AND substr(f.value, 1, 15) = $4)
                   OR EXISTS (SELECT 1 FROM workers w WHERE w.nik = $1 AND w.programme = $2 AND w.region = $3 AND w.month = f.month
                              AND w.file = f.file AND w.sheet = f.sheet AND w.row = f.row))
                """, values
            ) { history.addFinding($0) }
            try each(
                """
                SELECT \(PersonHistory.answerColumns(cast: cast)) FROM acknowledgements
                WHERE nik = $1 AND programme = $2 AND region = $3 ORDER BY arrived_month, file COLLATE "C", row
                """, values
            ) { history.addAnswer($0) }
            try each(
                """
                SELECT \(PersonHistory.lineColumns(cast: cast)) FROM ledger_lines
                WHERE nik = $1 AND programme = $2 AND region = $3 ORDER BY month, entry DESC, for_month
                """, values
            ) { history.addLine($0) }
            var closed: Set<YearMonth> = []
            try each("SELECT month FROM month WHERE pipeline_id = $1 AND closed = 1", [key]) { row in
                if let month = YearMonth(row.text(0)) { closed.insert(month) }
            }
            history.closedMonths = closed
            return history
        }
    }
}
