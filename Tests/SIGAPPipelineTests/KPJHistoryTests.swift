import SIGAPDomain
import Testing

@testable import SIGAPPipeline

/// The KPJ each NIK was last covered with, built from stored months newest first (SPEC §8.3).
@Suite("KPJ history")
struct KPJHistoryTests {
    static let budi = "3275081708850001"
    static let siti = "3275085203900002"
    static let ahmad = "3275011505920003"
    let months = [YearMonth("2025-11")!, YearMonth("2025-12")!, YearMonth("2026-01")!]

    @Test("the newest month that covered a NIK gives its KPJ, as months applied oldest first would")
    func newestMonthWins() throws {
        let stored: [YearMonth: [(nik: String, kpj: String)]] = [
            months[0]: [(Self.budi, "25110000001"), (Self.siti, "25110000002"), (Self.ahmad, "25110000003")],
            // Siti not covered in December: November's KPJ stands.
            months[1]: [(Self.budi, "25120000001"), (Self.ahmad, "25120000003")],
            // Two lines of one NIK in a month: the last one counts.
            months[2]: [(Self.ahmad, "26010000003"), (Self.ahmad, "26010000033")],
        ]
        var read: [YearMonth] = []
        var history = KPJHistory()
        history.add(months) { month in
            read.append(month)
            return stored[month] ?? []
        }
        #expect(read == months.reversed())
        #expect(history[Self.budi] == "25120000001")
        #expect(history[Self.siti] == "25110000002")
        #expect(history[Self.ahmad] == "26010000033")
        #expect(history.count == 3)

        // The same, one month at a time, oldest first (what a run computing every month does).
        var stepwise = KPJHistory()
        for month in months { for pair in stored[month] ?? [] { stepwise[pair.nik] = pair.kpj } }
        for nik in [Self.budi, Self.siti, Self.ahmad] { #expect(stepwise[nik] == history[nik]) }
    }

    @Test("later months override what the history held; NIKs that are not 16 digits are kept too")
    func laterMonthsOverride() throws {
        var history: KPJHistory = [Self.budi: "25100000001", "ABC-1": "25100000009"]
        history.add([months[0]]) { _ in [(Self.budi, "25110000001"), ("12345", "25110000005")] }
        #expect(history[Self.budi] == "25110000001")
        #expect(history["ABC-1"] == "25100000009")
        #expect(history["12345"] == "25110000005")
        #expect(history[Self.siti] == nil)
        #expect(history.count == 3)
    }
}
