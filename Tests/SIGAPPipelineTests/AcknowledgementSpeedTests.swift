import Foundation
import SIGAPDomain
import SIGAPPipeline
import Testing

@Suite("Acknowledgement CSV at volume")
struct AcknowledgementSpeedTests {
    /// `rows` data rows: every 100th without a KPJ (quarantined), every 10th rejected, every 7th
    /// with the rupiah spelling, NIKs unique.
    static func csv(rows: Int) -> [UInt8] {
        var text = "NIK;NAMA;KPJ;PERIODE;STATUS;KETERANGAN;IURAN\r\n"
        text.reserveCapacity(rows * 90)
        for index in 0..<rows {
            let serial = String(index % 10_000)
            let nik = "327508" + String(100_000 + index / 10_000) + String(repeating: "0", count: 4 - serial.count) + serial
            let kpj = index % 100 == 99 ? "" : String(25_100_000_000 + index)
            let rejected = index % 10 == 3
            text += nik + ";PESERTA NOMOR " + String(index) + ";" + kpj + ";" + (index % 2 == 0 ? "2025-11" : "11/2025")
            text += rejected ? ";DITOLAK;\"Usia, melebihi batas\";" : ";DITERIMA;;"
            text += index % 7 == 0 ? "\"Rp16.800,00\"\r\n" : "16800\r\n"
        }
        return Array(text.utf8)
    }

    @Test("200,000 rows stream through and count up")
    func twoHundredThousandRows() throws {
        let rows = 200_000
        let path = AckTest.write(Self.csv(rows: rows), name: "besar.csv")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let report = try AcknowledgementReader().read(path: path, file: "2025-11/BPJS/besar.csv", month: AckTest.november)
        let quarantined = rows / 100  // index % 100 == 99; none of these is rejected (99 % 10 == 9)
        #expect(report.rowsRead == rows)
        #expect(report.rowsQuarantined == quarantined)
        #expect(report.rowsKept == rows - quarantined)
        #expect(report.findings.count == quarantined)
        #expect(report.findings.allSatisfy { $0.code == .ackKPJMissing })
        #expect(report.acknowledgements.filter { $0.status == .rejected }.count == rows / 10)
        #expect(report.acknowledgements.allSatisfy { $0.period == AckTest.november && $0.premium == 16800 })
        let last = try #require(report.acknowledgements.last)
        // The last row (index rows - 1) has no KPJ: the last kept one is the row before it.
        #expect(last.row == rows)
        #expect(last.name == "PESERTA NOMOR \(rows - 2)")

        let book = AcknowledgementBook([report])
        #expect(book.effectiveAcknowledgements(for: AckTest.november).count == rows - quarantined)
        #expect(book.effectiveAcknowledgement(nik: last.nik, period: AckTest.november) == book.all.last)
    }
}
