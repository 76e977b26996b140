import Foundation
import Testing

/// `sigap explain NIK` (SPEC §17) on the demo history: the data team answering "what happened to
/// this person?" from the store alone.
@Suite("sigap explain")
struct ExplainTests {
    /// The demo history as `make run` makes it: November run and closed, then the later months
    /// arrive (the damaged upload included) and are run.
    static func demo(_ label: String) throws -> RunWorkspace {
        let workspace = try RunWorkspace(label)
        try workspace.arriveDemo(["2025-11"])
        _ = try workspace.sigap("run", ["--through", "2025-11"])
        guard try workspace.sigap("close", ["2025-11", "--through", "2025-11"]).exitStatus == 0 else {
            throw WorkspaceFailure("close failed")
        }
        try workspace.arriveDemo(["2025-12", "2026-01", "2026-02"])
        _ = try workspace.sigap("run", ["--through", "2026-02"])
        return workspace
    }

    func explain(_ workspace: RunWorkspace, _ extra: [String]) throws -> RunResult {
        try workspace.sigap("explain", extra)
    }

    @Test("a worker with an adjustment, one owned by two agencies, one UNEXPECTED, one whose row was quarantined")
    func fourPeople() throws {
        let workspace = try Self.demo("explain")
        defer { workspace.remove() }

        // Siti Aminah: accepted for November, rejected for it later: December adjusts the closed month.
        let siti = try explain(workspace, ["3275015203900002"])
        #expect(siti.exitStatus == 0, "\(siti)")
        #expect(siti.stdoutLines.first == "NIK 3275015203900002 · SITI AMINAH")
        #expect(siti.stdoutLines.contains("2025-11 (ditutup)"))
        #expect(
            siti.stdout.contains(
                "    2025-12/BPJS/Konfirmasi Kepesertaan Desember 2025.xlsx baris 7: untuk 2025-11 DITOLAK, NIK_TIDAK_PADAN, \"NIK tidak ditemukan\""
            ))
        #expect(siti.stdout.contains("  Penyesuaian untuk 2025-11: Tertanggung → Ditolak, -Rp 16.800, NIK_TIDAK_PADAN"))
        #expect(siti.stdout.contains("daftar dibawa dari bulan 2025-11"), "December carries DISHUB's November roster")

        // Ahmad Fauzi: listed by DISHUB and DINSOS in November; DISHUB owns him by priority.
        let ahmad = try explain(workspace, ["3275081708850001", "--month", "2025-11"])
        #expect(
            ahmad.stdout.contains(
                "  Dinas pemilik: DISHUB (juga dicantumkan oleh DINSOS; DISHUB didahulukan menurut urutan dinas di pipeline (DISHUB > DINSOS))"
            ),
            "\(ahmad)")
        #expect(!ahmad.stdout.contains("2025-12"), "--month shows one month: \(ahmad)")

        // Slamet Riyadi: accepted by BPJS, listed by no agency.
        let slamet = try explain(workspace, ["3275070707770012"])
        #expect(slamet.stdout.contains("  Buku besar: Diterima BPJS tanpa terdaftar, iuran Rp 0, KPJ 25110000012"), "\(slamet)")
        #expect(!slamet.stdout.contains("Dinas pemilik"), "\(slamet)")

        // A NIK whose row Excel damaged (its last digit lost): the quarantined row is found.
        let damaged = try explain(workspace, ["3275081212800013"])
        #expect(damaged.exitStatus == 0, "\(damaged)")
        #expect(
            damaged.stdout.contains(
                "NIK_PRECISION_LOST (kesalahan) 2025-11/DISHUB/DISHUB pekerja rentan November 2025.xlsx, lembar Data Pekerja, sel B10 — NIK di baris itu 3275081212800010 (digit terakhir hilang)"
            ),
            "\(damaged)")
        #expect(damaged.stdout.contains("  Tidak terdaftar bulan ini: barisnya dikarantina."), "\(damaged)")

        // In English on request.
        let english = try explain(workspace, ["3275015203900002", "--lang", "en", "--month", "2025-12"])
        #expect(english.stdout.contains("  Adjustment for 2025-11: COVERED → REJECTED, -Rp 16.800, NIK_TIDAK_PADAN"), "\(english)")
        #expect(english.stdout.contains("  Owner: DISHUB (the only agency that listed it)"), "\(english)")
    }

    @Test("a NIK the store does not know is 66, and the message masks it; no store is 66 too; a malformed NIK is 64")
    func unknown() throws {
        let workspace = try Self.demo("explain-unknown")
        defer { workspace.remove() }
        let unknown = try explain(workspace, ["3275000000000000"])
        #expect(unknown.exitStatus == 66, "\(unknown)")
        #expect(unknown.stderr.contains("knows no NIK 327500******0000"), "\(unknown)")
        #expect(!unknown.stderr.contains("3275000000000000"), "\(unknown)")
        #expect(unknown.stdout.isEmpty)
        #expect(try explain(workspace, ["12345"]).exitStatus == 64)
        let nowhere = try workspace.sigap("explain", ["3275015203900002"], overrides: ["--store": "\(workspace.folder)/tidak/ada.sqlite"])
        #expect(nowhere.exitStatus == 66, "\(nowhere)")
        #expect(!FileManager.default.fileExists(atPath: "\(workspace.folder)/tidak"))
    }
}
