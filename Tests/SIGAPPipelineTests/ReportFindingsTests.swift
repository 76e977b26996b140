import SIGAPDomain
import Testing

@testable import SIGAPPipeline

/// The report counts a month's findings.csv record by record (`ReportFindings`) instead of holding
/// every finding: its figures must be those of the file.
@Suite("Report: findings counted from findings.csv")
struct ReportFindingsTests {
    static let csv = """
        month,source,file,sheet,row,cell,code,severity,value,message
        2025-12,DISHUB,2025-12/DISHUB/a.xlsx,Data,2,C2,PHONE_INVALID,warning,0812,"Nomor HP tidak valid, periksa"
        2025-12,DISHUB,2025-12/DISHUB/a.xlsx,Data,3,A3,NIK_INVALID,error,3275010101000001,NIK tidak valid
        2025-12,DINSOS,2025-12/DINSOS/b.xlsx,,,,FILE_UNREADABLE,error,,"Berkas rusak: ""zip"" terpotong
        kirim ulang"
        2025-12,DISHUB,2025-12/DISHUB/a.xlsx,Data,4,C4,PHONE_INVALID,warning,08,Nomor HP tidak valid
        2025-12,DISHUB,short record
        """

    @Test("counts by severity, code and dinas; the unreadable files and the errors' values in file order; short records passed over")
    func counts() {
        let findings = ReportFindings(csv: Self.csv)
        #expect(findings.total == 4)
        #expect(findings.errors == 2)
        #expect(findings.warnings == 2)
        #expect(findings.byCode == ["PHONE_INVALID": 2, "NIK_INVALID": 1, "FILE_UNREADABLE": 1])
        #expect(findings.bySource["DISHUB"]?.errors == 1)
        #expect(findings.bySource["DISHUB"]?.warnings == 2)
        #expect(findings.bySource["DINSOS"]?.errors == 1)
        #expect(
            findings.bySourceAndCode["DISHUB"]
                == [
                    "PHONE_INVALID": ReportFindings.Count(severity: "warning", count: 2),
                    "NIK_INVALID": ReportFindings.Count(severity: "error", count: 1),
                ])
        #expect(findings.unreadable.count == 1)
        #expect(findings.unreadable.first?.file == "2025-12/DINSOS/b.xlsx")
        #expect(findings.unreadable.first?.message == "Berkas rusak: \"zip\" terpotong\nkirim ulang")
        #expect(findings.errorValues.map(\.code) == ["NIK_INVALID", "FILE_UNREADABLE"])
        #expect(findings.errorValues.first?.value == "3275010101000001")
    }

    @Test("a text without the columns the report reads gives no finding")
    func withoutColumns() {
        #expect(ReportFindings(csv: "month,source\n2025-12,DISHUB\n").total == 0)
        #expect(ReportFindings(csv: "").total == 0)
    }
}
