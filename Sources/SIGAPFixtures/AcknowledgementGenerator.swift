import Foundation

/// Writes a BPJS acknowledgement CSV for the workers of a generated roster (same rows and seed as
/// `RosterGenerator`): most accepted with a KPJ, some rejected with a reason, some not answered.
/// Deterministic. For benchmarks and tests.
public struct AcknowledgementGenerator: Sendable {
    public let rows: Int
    public let seed: UInt64
    /// `YYYY-MM`.
    public let period: String

    public init(rows: Int, seed: UInt64 = 1, period: String) {
        self.rows = rows
        self.seed = seed
        self.period = period
    }

    public func write(to path: String) throws {
        guard FileManager.default.createFile(atPath: path, contents: nil) else {
            throw RosterWriteError(path: path, reason: "cannot create the file")
        }
        guard let handle = FileHandle(forWritingAtPath: path) else {
            throw RosterWriteError(path: path, reason: "cannot open the file")
        }
        defer { try? handle.close() }
        var buffer = "PERIODE,NIK,NAMA,KPJ,STATUS,KETERANGAN,IURAN\n"
        var random = SplitMix64(seed: seed ^ 0xACC0_4EDE)
        let reasons = [
            "NIK tidak padan dengan data Dukcapil", "Sudah terdaftar aktif", "Usia melebihi batas", "Data tidak lengkap", "Lainnya",
        ]
        func quoted(_ text: String) -> String {
            text.contains(",") || text.contains("\"") ? "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : text
        }
        for worker in RosterRows(count: rows, seed: seed) {
            let draw = random.next() % 100
            if draw < 5 { continue }
            let kpj = String(10_000_000_000 + UInt64(worker.number))
            if draw < 10 {
                buffer += "\(period),\(worker.nik),\(quoted(worker.name)),,DITOLAK,\(reasons[Int(draw % 5)]),\n"
            } else {
                buffer += "\(period),\(worker.nik),\(quoted(worker.name)),\(kpj),DITERIMA,,16800\n"
            }
            if buffer.utf8.count > 1 << 20 {
                try handle.write(contentsOf: Data(buffer.utf8))
                buffer = ""
            }
        }
        try handle.write(contentsOf: Data(buffer.utf8))
    }
}
