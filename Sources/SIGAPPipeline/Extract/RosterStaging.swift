import XLSX

/// Staged extraction of roster files (SPEC §15): a file is parsed the first time a run meets it,
/// its extraction kept in the store by the file's SHA-256 (`StagedRoster`), and replayed whenever
/// it is read again: the months that carry it forward, and later runs. An extraction holds for the
/// same bytes, the same extractor (synonyms and pins), reader limits and version of `sigap`.
public final class RosterStaging: @unchecked Sendable {
    private let store: any LedgerStore
    private let version: String
    /// SHA-256 by path, of the files the run hashed.
    private let digests: [String: String]
    /// False in a dry run: nothing is kept (files are parsed each time they are read).
    private let keep: Bool
    /// Files parsed and files replayed, for the manifest.
    public private(set) var parsed = 0
    public private(set) var replayed = 0

    public init(store: any LedgerStore, version: String, digests: [String: String], keep: Bool) {
        self.store = store
        self.version = version
        self.digests = digests
        self.keep = keep
    }

    /// Hands `body` every data row of the workbook at `path`, as `extractor` makes them, and
    /// returns what became of each sheet: from the store when it keeps them, else from the file
    /// (keeping them). Throws `XLSXError` for a file that cannot be read (never kept).
    func extract(
        path: String, extractor: RosterExtractor, limits: ReaderLimits, _ body: (ExtractedRow) throws -> Void
    ) throws -> [SheetOutcome] {
        func parse(_ body: (ExtractedRow) throws -> Void) throws -> [SheetOutcome] {
            try extractor.extract(Workbook(path: path, limits: limits), body)
        }
        guard let sha256 = digests[path] else { return try parse(body) }
        let reader = "\(version) \(extractor.fingerprint) \(limits)"
        if let staged = try store.stagedRoster(sha256: sha256, reader: reader) {
            replayed += 1
            return try staged.replay(body)
        }
        parsed += 1
        guard keep else { return try parse(body) }
        // The chunks go into the store as they are made, from threads of their own; the extraction
        // counts once its sheets do.
        let store = store
        try store.beginStagedRoster(sha256: sha256, reader: reader)
        let writer = StagedChunkWriter { chunks in
            try store.stage(rosterChunks: chunks, sha256: sha256, reader: reader)
        }
        defer { writer.abandon() }
        var builder = StagedRoster.Builder(sink: writer.add)
        let sheets = try parse { row in
            try builder.add(row)
            try body(row)
        }
        let staged = try builder.finish(sheets: sheets)
        try writer.finish()
        try store.finishStagedRoster(sha256: sha256, reader: reader, sheetsJSON: staged.sheetsJSON, rows: builder.rows)
        return sheets
    }
}
