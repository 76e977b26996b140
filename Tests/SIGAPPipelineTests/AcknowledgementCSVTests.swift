import Foundation
import SIGAPDomain
import SIGAPPipeline
import Testing

@Suite("Acknowledgement CSV files (SPEC §8.2, §14)")
struct AcknowledgementCSVTests {
    /// Chunk sizes: tiny ones put every state of the scanner and the UTF-8 check across chunk
    /// boundaries.
    static let chunkSizes = [1, 5, 1 << 20]

    @Test("a comma file with every field", arguments: chunkSizes)
    func commaFile(chunkSize: Int) throws {
        let report = try AckTest.readCSV(
            """
            NIK,NAMA,KPJ,PERIODE,STATUS,KETERANGAN,IURAN
            \(AckTest.budi),Budi Santoso ,25110000001,2025-12,DITERIMA,,Rp 16.800
            \(AckTest.siti),SITI AMINAH,,12/2025,DITOLAK,NIK tidak ditemukan,

            """, chunkSize: chunkSize)
        #expect(report.format == .csv(separator: ","))
        #expect(report.rowsRead == 2 && report.rowsKept == 2 && report.rowsQuarantined == 0)
        #expect(report.findings.isEmpty)
        let first = report.acknowledgements[0]
        #expect(
            first
                == Acknowledgement(
                    nik: AckTest.budi, period: AckTest.december, name: "Budi Santoso", kpj: "25110000001", status: .accepted,
                    reasonCode: nil, reasonText: nil, premium: 16800, file: "2025-12/BPJS/ack.csv", received: AckTest.december,
                    sheet: nil, row: 2, order: 0))
        let second = report.acknowledgements[1]
        #expect(second.status == .rejected)
        #expect(second.kpj == nil)
        #expect(second.reasonCode == "NIK_TIDAK_PADAN")
        #expect(second.reasonText == "NIK tidak ditemukan")
        #expect(second.premium == nil)
        #expect(second.row == 3 && second.order == 1)
    }

    @Test("semicolons, a BOM, CRLF, quoted separators, embedded line breaks and doubled quotes", arguments: chunkSizes)
    func quoting(chunkSize: Int) throws {
        let text =
            "\u{FEFF}NIK;NAMA;KPJ;PERIODE;STATUS;ALASAN\r\n"
            + "\"\(AckTest.budi)\";\"SANTOSO, BUDI; S.T.\";\"25110000001\";\"Des 2025\";\"SUKSES\";\"\"\r\n"
            + "\(AckTest.siti);\"SITI \"\"ICA\"\" AMINAH\";;2025-12;GAGAL;\"Usia\r\nmelebihi \"\"batas\"\"\nmaksimal\"\r\n"
            + "\(AckTest.dewi);DEWI \"LESTARI\";25120000004;2025-12;BERHASIL;\r\n"
            + "\(AckTest.rudi); \"RUDI;HARTONO\" ;25110000005;2025-12;AKTIF;\"\"\r\n"
        let report = try AckTest.readCSV(text, chunkSize: chunkSize)
        #expect(report.format == .csv(separator: ";"))
        #expect(report.findings.isEmpty)
        let acks = Array(report.acknowledgements)
        #expect(acks.map(\.nik) == [AckTest.budi, AckTest.siti, AckTest.dewi, AckTest.rudi])
        #expect(acks[0].name == "SANTOSO, BUDI; S.T.")
        #expect(acks[1].name == "SITI \"ICA\" AMINAH")
        #expect(acks[1].reasonText == "Usia\r\nmelebihi \"batas\"\nmaksimal")
        #expect(acks[1].reasonCode == "USIA")
        // A quote inside an unquoted field is a character; a quote after blanks opens a quoted field.
        #expect(acks[2].name == "DEWI \"LESTARI\"")
        #expect(acks[3].name == "RUDI;HARTONO")
        // Rows are records: the record with line breaks is row 3, the next one row 4.
        #expect(acks.map(\.row) == [2, 3, 4, 5])
    }

    @Test("CR-only line ends, no final line break, and an unterminated quote at the end", arguments: chunkSizes)
    func lineEnds(chunkSize: Int) throws {
        let report = try AckTest.readCSV(
            "NIK,PERIODE,STATUS,KPJ\r\(AckTest.budi),2025-12,DITERIMA,25110000001\r\(AckTest.siti),2025-12,DITOLAK,\"tanpa",
            chunkSize: chunkSize)
        #expect(report.acknowledgements.map(\.nik) == [AckTest.budi, AckTest.siti])
        #expect(report.acknowledgements.map(\.row) == [2, 3])
    }

    @Test("row errors: the four NIK structure codes and the three ACK codes, with their cells", arguments: chunkSizes)
    func rowErrors(chunkSize: Int) throws {
        let report = try AckTest.readCSV(
            """
            NIK,PERIODE,STATUS,KPJ
            ,2025-12,DITERIMA,25110000001
            3.27508E+15,2025-12,DITERIMA,25110000001
            32750817O8850001,2025-12,DITERIMA,25110000001
            327508170885001,2025-12,DITERIMA,25110000001
            \(AckTest.budi),2025-13,DITERIMA,25110000001
            \(AckTest.budi),2025-12,MENUNGGU,25110000001
            \(AckTest.budi),2025-12,DITERIMA,
            \(AckTest.budi),2025-12,DITERIMA,2511000000
            \(AckTest.budi),2025-12,DITOLAK,
            ,,,
             , ,\t,
            ,bulan,,

            """, chunkSize: chunkSize)
        #expect(
            AckTest.codes(report) == [
                "NIK_MISSING@A2", "NIK_PRECISION_LOST@A3", "NIK_NOT_DIGITS@A4", "NIK_LENGTH@A5", "ACK_PERIOD_INVALID@B6",
                "ACK_STATUS_INVALID@C7", "ACK_KPJ_MISSING@D8", "ACK_KPJ_MISSING@D9", "NIK_MISSING@A13",
                "ACK_PERIOD_INVALID@B13", "ACK_STATUS_INVALID@C13",
            ])
        #expect(
            report.findings.map(\.finding.value) == [
                nil, "3.27508E+15", "32750817O8850001", "327508170885001", "2025-13", "MENUNGGU", nil, "2511000000", nil, "bulan",
                nil,
            ])
        #expect(report.findings.map(\.row) == [2, 3, 4, 5, 6, 7, 8, 9, 13, 13, 13])
        for finding in report.findings {
            #expect(finding.month == AckTest.december)
            #expect(finding.source == "BPJS")
            #expect(finding.file == "2025-12/BPJS/ack.csv")
            #expect(finding.sheet == nil)
            #expect(finding.severity == .error)
            #expect(finding.finding.message() == finding.code.message(.id, value: finding.finding.value))
        }
        #expect(report.findings[0].finding.field == .nik)
        // Rows 11 and 12 are empty (blanks only) and not read.
        #expect(report.rowsRead == 10)
        #expect(report.rowsQuarantined == 9)
        #expect(report.rowsKept == 1)
        #expect(report.acknowledgements.first?.reasonCode == "LAINNYA")
        #expect(report.isBalanced)
        // Each quarantined row keeps what could be read of it (the store's acknowledgements view).
        let quarantined = report.quarantinedRows
        #expect(quarantined.map(\.row) == [2, 3, 4, 5, 6, 7, 8, 9, 13])
        #expect(quarantined.map(\.nik) == [nil, nil, nil, nil, AckTest.budi, AckTest.budi, AckTest.budi, AckTest.budi, nil])
        #expect(quarantined[4].period == nil && quarantined[4].status == .accepted && quarantined[4].kpj == "25110000001")
        #expect(quarantined[5].period == AckTest.december && quarantined[5].status == nil)
        #expect(quarantined[7].kpj == nil && quarantined[7].status == .accepted)
        #expect(quarantined.allSatisfy { $0.file == "2025-12/BPJS/ack.csv" && $0.reasonCode == nil })
        // Every row read, in input order: the kept row 10 between the quarantined ones.
        var order: [Int] = []
        var niks: [String] = []
        report.forEachRowBytes { row in
            order.append(row.row)
            niks.append(String(decoding: row.nik, as: UTF8.self))
        }
        #expect(order == [2, 3, 4, 5, 6, 7, 8, 9, 10, 13])
        #expect(order.count == report.rowsRead)
        // The store's values of each: a quarantined row's as read (none where none could be).
        #expect(niks == ["", "", "", "", AckTest.budi, AckTest.budi, AckTest.budi, AckTest.budi, AckTest.budi, ""])
    }

    @Test("each row read as the store takes it: a kept row's values from its packed form, digits padded, codes upper-case")
    func rowBytes() throws {
        let report = try AckTest.readCSV(
            """
            NIK,NAMA,KPJ,PERIODE,STATUS,KETERANGAN,IURAN
            \(AckTest.budi),Budi Santoso ,25110000001,2025-12,DITERIMA,,Rp 16.800
            \(AckTest.siti),SITI AMINAH,,12/2025,DITOLAK,NIK tidak ditemukan,
            123,Bukan NIK,,2025-11,DITERIMA,,16800
            \(AckTest.ahmad),,00000000007,2025-11,GAGAL,usia melebihi batas,16800
            \(AckTest.dewi),DEWI,,2026-01,DITOLAK,,

            """)
        #expect(report.rowsKept == 4 && report.rowsQuarantined == 1)
        var rows: [[String?]] = []
        report.forEachRowBytes { row in
            func text(_ bytes: UnsafeBufferPointer<UInt8>) -> String? { bytes.isEmpty ? nil : String(decoding: bytes, as: UTF8.self) }
            rows.append([
                String(row.row), text(row.period), text(row.nik), text(row.name), text(row.kpj), text(row.status), text(row.reason),
                text(row.reasonCode), row.premium.map(String.init),
            ])
        }
        let quarantined = try #require(report.quarantinedRows.first)
        #expect(
            rows == [
                ["2", "2025-12", AckTest.budi, "Budi Santoso", "25110000001", "ACCEPTED", nil, nil, "16800"],
                ["3", "2025-12", AckTest.siti, "SITI AMINAH", nil, "REJECTED", "NIK tidak ditemukan", "NIK_TIDAK_PADAN", nil],
                [
                    "4", quarantined.period?.description, quarantined.nik, quarantined.name, quarantined.kpj,
                    quarantined.status?.rawValue.uppercased(), quarantined.reason, quarantined.reasonCode,
                    quarantined.premium.map(String.init),
                ],
                ["5", "2025-11", AckTest.ahmad, nil, "00000000007", "REJECTED", "usia melebihi batas", "USIA", "16800"],
                ["6", "2026-01", AckTest.dewi, "DEWI", nil, "REJECTED", nil, "LAINNYA", nil],
            ])
        #expect(quarantined.row == 4 && quarantined.nik == nil && quarantined.name == "Bukan NIK")
    }

    @Test("only structure errors apply to acknowledgement NIKs; the domain's cleaning applies")
    func nikStructureOnly() throws {
        let report = try AckTest.readCSV(
            """
            NIK,PERIODE,STATUS
            0075081708850006,2025-12,DITOLAK
            3275089913850007,2025-12,DITOLAK
            3275081708850000,2025-12,DITOLAK
            '3275.0817.0885.0001,2025-12,DITOLAK
             3275 0852 0390 0002 ,2025-12,DITOLAK
            """)
        #expect(report.findings.isEmpty)
        #expect(
            report.acknowledgements.map(\.nik) == [
                "0075081708850006", "3275089913850007", "3275081708850000", AckTest.budi, AckTest.siti,
            ])
    }

    @Test("title lines before the header; the header needs a NIK and a period column")
    func titleLines() throws {
        let report = try AckTest.readCSV(
            """
            Laporan BPJS Ketenagakerjaan
            NIK,NAMA
            Dicetak 2 Januari 2026,,,

            No.,No NIK,Periode Iuran,Status Kepesertaan,Nomor KPJ
            1,2,3,4,5
            1,\(AckTest.budi),2025-12,AKTIF,25110000001
            """)
        #expect(report.headers.first?.layout.headerRow == 5)
        #expect(report.headers.first?.layout.columns == [.nik: 2, .period: 3, .status: 4, .kpj: 5])
        #expect(report.rowsRead == 1)
        #expect(report.acknowledgements.first?.row == 7)
    }

    @Test("the separator is the one that makes the header line")
    func separatorFromHeader() throws {
        let report = try AckTest.readCSV(
            """
            Rekap, per tanggal 2 Januari 2026, halaman 1
            NIK;PERIODE;STATUS;NAMA;KPJ
            \(AckTest.budi);2025-12;DITERIMA;SANTOSO, BUDI;25110000001
            """)
        #expect(report.format == .csv(separator: ";"))
        #expect(report.acknowledgements.first?.name == "SANTOSO, BUDI")
    }

    @Test("no header in the first 30 records: the file is unreadable")
    func noHeader() throws {
        let late = String(repeating: "judul\n", count: 30) + "NIK,PERIODE\n\(AckTest.budi),2025-12\n"
        #expect(throws: AcknowledgementReadError.self) { try AckTest.readCSV(late) }
        do {
            _ = try AckTest.readCSV(late)
        } catch let error as AcknowledgementReadError {
            #expect(error.reason == .noHeader)
            #expect(error.description.contains("ack.csv: no header row in the first 30 rows"))
        }
        let atThirty = String(repeating: "judul\n", count: 29) + "NIK,PERIODE,STATUS,KPJ\n\(AckTest.budi),2025-12,AKTIF,25110000001\n"
        #expect(try AckTest.readCSV(atThirty).rowsKept == 1)
        #expect(throws: AcknowledgementReadError.self) { try AckTest.readCSV("NIK,NAMA,STATUS\n") }
        #expect(throws: AcknowledgementReadError.self) { try AckTest.readCSV("") }
    }

    @Test("invalid UTF-8 names its byte and line", arguments: chunkSizes)
    func invalidUTF8(chunkSize: Int) throws {
        var bytes = Array("NIK,PERIODE,NAMA\n\(AckTest.budi),2025-12,JOS".utf8)
        bytes.append(0xC9)  // Latin-1 É
        bytes += Array("\n".utf8)
        do {
            _ = try AckTest.readCSV(bytes: bytes, chunkSize: chunkSize)
            Issue.record("no error")
        } catch let error as AcknowledgementReadError {
            #expect(error.reason == .notUTF8(offset: 45, line: 2))
            #expect(error.cause.contains("not UTF-8"))
        }
        // A sequence cut by the end of the file, and an overlong form.
        for tail: [UInt8] in [[0xE2, 0x82], [0xC0, 0xAF], [0xED, 0xA0, 0x80]] {
            #expect(throws: AcknowledgementReadError.self) {
                try AckTest.readCSV(bytes: Array("NIK,PERIODE\n".utf8) + tail, chunkSize: chunkSize)
            }
        }
        // Valid multi-byte text split across chunks reads back whole.
        let report = try AckTest.readCSV(
            "NIK,PERIODE,STATUS,KPJ,NAMA\n\(AckTest.budi),2025-12,AKTIF,25110000001,JOSÉ ÑOÑO 😀\n", chunkSize: chunkSize)
        #expect(report.acknowledgements.first?.name == "JOSÉ ÑOÑO 😀")
    }

    @Test("files that are not UTF-8 CSV")
    func notCSV() throws {
        func reason(_ bytes: [UInt8], name: String = "ack.csv") -> AcknowledgementReadError.Reason? {
            do {
                _ = try AckTest.readCSV(bytes: bytes, name: name)
                return nil
            } catch {
                return (error as? AcknowledgementReadError)?.reason
            }
        }
        #expect(reason([0xFF, 0xFE, 0x4E, 0x00]) == .wrongEncoding("UTF-16"))
        #expect(reason([0xFE, 0xFF, 0x00, 0x4E]) == .wrongEncoding("UTF-16"))
        #expect(reason([0x50, 0x4B, 0x03, 0x04, 0x14, 0x00]) == .notText("a zip archive (an XLSX workbook named .csv?)"))
        #expect(reason([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1]) != nil)
        #expect(reason(Array("NIK,PERIODE\n".utf8), name: "ack.txt") == .unsupportedType("ack.txt"))
        #expect(throws: AcknowledgementReadError.self) {
            try AcknowledgementReader().read(path: "/nonexistent/ack.csv", file: "2025-12/BPJS/ack.csv", month: AckTest.december)
        }
    }

    @Test("a quote that never closes: the record is capped, not held whole")
    func unclosedQuote() throws {
        var bytes = Array("NIK,PERIODE,STATUS\n\"\(AckTest.budi),2025-12,AKTIF\n".utf8)
        let row = Array("\(AckTest.siti),2025-12,AKTIF\n".utf8)
        while bytes.count < 5 << 20 { bytes += row }
        do {
            _ = try AckTest.readCSV(bytes: bytes)
            Issue.record("no error")
        } catch let error as AcknowledgementReadError {
            #expect(error.reason == .recordTooLong(record: 2))
        }
    }

    @Test("upper-case extensions and a BOM-only file")
    func extensions() throws {
        let report = try AckTest.readCSV("NIK,PERIODE,STATUS,KPJ\n\(AckTest.budi),2025-12,AKTIF,25110000001\n", name: "ACK.CSV")
        #expect(report.rowsKept == 1)
        #expect(throws: AcknowledgementReadError.self) { try AckTest.readCSV(bytes: [0xEF, 0xBB, 0xBF]) }
    }
}
