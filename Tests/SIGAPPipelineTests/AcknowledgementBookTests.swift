import SIGAPDomain
import SIGAPPipeline
import Testing

@Suite("The acknowledgement book: effective acknowledgements (SPEC §8.2, §14)")
struct AcknowledgementBookTests {
    static func report(_ month: String, _ name: String, _ rows: [String]) throws -> AcknowledgementReport {
        try AckTest.readCSV(
            (["NIK,PERIODE,STATUS,KPJ,KETERANGAN,IURAN"] + rows).joined(separator: "\n") + "\n", name: name,
            month: YearMonth(month)!)
    }

    static let b = AckTest.budi
    static let s = AckTest.siti

    /// Three files over two inbox months, given out of order.
    static func book() throws -> AcknowledgementBook {
        let novemberB = try report(
            "2025-11", "b.csv",
            [
                "\(b),2025-11,DITOLAK,,tidak padan,",  // overridden by the row below (same file, later row)
                "\(b),2025-11,DITERIMA,25110000001,,16800",
            ])
        let novemberA = try report(
            "2025-11", "a.csv",
            [
                "\(b),2025-11,DITOLAK,,usia,",  // overridden by b.csv (later file name)
                "\(s),2025-11,DITOLAK,,kosong,",
            ])
        let december = try report(
            "2025-12", "a.csv",
            [
                "\(b),2025-11,DITOLAK,,sudah terdaftar,",  // a later month overrides November's acceptance
                "\(b),2025-12,DITERIMA,25110000001,,16800",
                "\(s),2025-11,DITERIMA,,,",  // quarantined (no KPJ): does not override
                "\(s),2025-12,DITERIMA,25110000002,,16800",
                "\(s),2025-12,DITERIMA,25110000003,,16800",  // a duplicate: the last one wins
            ])
        return AcknowledgementBook([december, novemberB, novemberA])
    }

    @Test("input order is inbox month, then file name, then row")
    func inputOrder() throws {
        let book = try Self.book()
        #expect(
            book.all.map(\.file) == [
                "2025-11/BPJS/a.csv", "2025-11/BPJS/a.csv", "2025-11/BPJS/b.csv", "2025-11/BPJS/b.csv", "2025-12/BPJS/a.csv",
                "2025-12/BPJS/a.csv", "2025-12/BPJS/a.csv", "2025-12/BPJS/a.csv",
            ])
        #expect(book.all.map(\.order) == Array(0..<8))
        #expect(book.all.map(\.received) == Array(repeating: AckTest.november, count: 4) + Array(repeating: AckTest.december, count: 4))
    }

    @Test("the effective acknowledgement is the last valid one in input order")
    func effective() throws {
        let book = try Self.book()
        let budiNovember = try #require(book.effectiveAcknowledgement(nik: Self.b, period: AckTest.november))
        #expect(budiNovember.status == .rejected)
        #expect(budiNovember.reasonCode == "TERDAFTAR_AKTIF")
        #expect(budiNovember.file == "2025-12/BPJS/a.csv" && budiNovember.row == 2)

        let sitiNovember = try #require(book.effectiveAcknowledgement(nik: Self.s, period: AckTest.november))
        #expect(sitiNovember.reasonCode == "DATA_TIDAK_LENGKAP")

        let sitiDecember = try #require(book.effectiveAcknowledgement(nik: Self.s, period: AckTest.december))
        #expect(sitiDecember.kpj == "25110000003")
        #expect(sitiDecember.row == 6)

        #expect(book.effectiveAcknowledgement(nik: Self.b, period: YearMonth("2025-10")!) == nil)
        #expect(book.effectiveAcknowledgement(nik: AckTest.dewi, period: AckTest.december) == nil)
        #expect(book.effectiveAcknowledgement(nik: "bukan NIK", period: AckTest.december) == nil)
        let nik = try #require(NIK(Self.s, month: AckTest.december))
        #expect(book.effectiveAcknowledgement(nik: nik, period: AckTest.december) == sitiDecember)
    }

    @Test("all effective acknowledgements of a period, in input order")
    func perPeriod() throws {
        let book = try Self.book()
        #expect(
            book.effectiveAcknowledgements(for: AckTest.november).map { "\($0.nik.suffix(4))@\($0.order)" } == [
                "0002@1", "0001@4",
            ])
        #expect(book.effectiveAcknowledgements(for: AckTest.december).map(\.nik) == [Self.b, Self.s])
        #expect(book.effectiveAcknowledgements(for: YearMonth("2026-01")!).isEmpty)
        #expect(book.periods == [AckTest.november, AckTest.december])
    }

    @Test("an accepted effective acknowledgement for any period up to a month")
    func acceptedThrough() throws {
        let book = try Self.book()
        // Budi: November's acceptance was overridden by a rejection; December is accepted.
        #expect(!book.hasAccepted(nik: Self.b, through: AckTest.november))
        #expect(book.hasAccepted(nik: Self.b, through: AckTest.december))
        #expect(book.hasAccepted(nik: Self.b, through: YearMonth("2026-03")!))
        #expect(!book.hasAccepted(nik: Self.s, through: AckTest.november))
        #expect(book.hasAccepted(nik: Self.s, through: AckTest.december))
        #expect(!book.hasAccepted(nik: AckTest.dewi, through: AckTest.december))
        #expect(!book.hasAccepted(nik: "12", through: AckTest.december))
    }

    @Test("the book as reconciliation's lookup")
    func lookup() throws {
        let book = try Self.book()
        func lookup(_ acknowledgements: some AcknowledgementLookup) -> [ReconcileAck] {
            acknowledgements.effectiveAcknowledgements(period: AckTest.december)
        }
        #expect(lookup(book).map(\.nik) == [Self.b, Self.s])
        #expect(
            book.effective(nik: Self.s, period: AckTest.december)
                == ReconcileAck(nik: Self.s, accepted: true, name: nil, kpj: "25110000003", reasonCode: nil, premium: 16800))
        let rejected: ReconcileAck? = book.effective(nik: Self.b, period: AckTest.november)
        #expect(rejected?.accepted == false)
        #expect(rejected?.reasonCode == "TERDAFTAR_AKTIF")
    }

    @Test("an empty book")
    func empty() {
        let book = AcknowledgementBook([])
        #expect(book.all.isEmpty)
        #expect(book.periods.isEmpty)
        #expect(book.effectiveAcknowledgement(nik: Self.b, period: AckTest.december) == nil)
        #expect(!book.hasAccepted(nik: Self.b, through: AckTest.december))
    }
}
