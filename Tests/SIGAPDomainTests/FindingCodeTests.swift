import Testing

@testable import SIGAPDomain

@Suite("Finding codes, messages and severities")
struct FindingCodeTests {
    @Test("every code of SPEC §2, §5 and §14, with its default severity")
    func codes() {
        let errors: Set<String> = [
            "NIK_MISSING", "NIK_PRECISION_LOST", "NIK_NOT_DIGITS", "NIK_LENGTH", "NIK_REGION_INVALID",
            "NIK_DATE_INVALID", "NIK_SERIAL_INVALID", "NAME_MISSING", "FILE_UNREADABLE", "ACK_PERIOD_INVALID",
            "ACK_STATUS_INVALID", "ACK_KPJ_MISSING",
        ]
        let warnings: Set<String> = [
            "NIK_STORED_AS_NUMBER", "NIK_OUTSIDE_REGION", "NIK_DOB_MISMATCH", "NIK_SEX_MISMATCH", "DOB_INVALID",
            "AGE_OUT_OF_RANGE", "SEX_INVALID", "KECAMATAN_UNKNOWN", "KELURAHAN_UNKNOWN", "WILAYAH_MISMATCH",
            "PHONE_INVALID", "DUPLICATE_ROW", "IDENTITY_CONFLICT", "FILE_IGNORED",
        ]
        #expect(Set(FindingCode.allCases.map(\.rawValue)) == errors.union(warnings))
        for code in FindingCode.allCases {
            #expect(code.defaultSeverity == (errors.contains(code.rawValue) ? .error : .warning), "\(code)")
        }
        #expect(FindingCode.allCases.filter(\.isAlwaysError) == [.nikMissing, .nikPrecisionLost, .nikNotDigits, .nikLength])
        #expect(
            FindingCode.nikErrors.map(\.rawValue) == [
                "NIK_MISSING", "NIK_PRECISION_LOST", "NIK_NOT_DIGITS", "NIK_LENGTH", "NIK_REGION_INVALID",
                "NIK_DATE_INVALID", "NIK_SERIAL_INVALID",
            ])
    }

    @Test("messages in both languages, never with a full NIK", arguments: FindingCode.allCases)
    func messages(code: FindingCode) {
        for value in ["3275081708850001", "'3275 0817 0885 0001", "3275-0817-0885-0001", "081234567890", "abc", ""] {
            let indonesian = code.message(.id, value: value)
            let english = code.message(.en, value: value)
            #expect(!indonesian.isEmpty && !english.isEmpty)
            #expect(indonesian != english)
            for message in [indonesian, english] {
                let digits = String(message.filter(\.isNumber))
                #expect(!digits.contains("3275081708850001"), "\(code): \(message)")
                #expect(!message.contains("081234567890"), "\(code): \(message)")
                #expect(!message.contains("0817"), "\(code): \(message)")
            }
        }
        #expect(code.message(value: nil) == code.message(.id, value: nil))
        #expect(!code.message(.id, value: nil).contains("\"\""))
    }

    @Test("messages quote other values and tell what to do")
    func content() {
        #expect(FindingCode.nikPrecisionLost.message(.id, value: "3275081708850000").contains("Teks"))
        #expect(FindingCode.nikPrecisionLost.message(.id, value: "3275081708850000").contains("kirim ulang"))
        #expect(FindingCode.nikPrecisionLost.message(.en, value: "3275081708850000").contains("as Text"))
        #expect(FindingCode.nikPrecisionLost.message(.id, value: "3275081708850000").contains("327508******0000"))
        #expect(FindingCode.kecamatanUnknown.message(.id, value: "Cibitung").contains("\"Cibitung\""))
        #expect(FindingCode.kecamatanUnknown.message(.en, value: "Cibitung").contains("\"Cibitung\""))
        #expect(FindingCode.nikLength.message(.id, value: "327508170885001").contains("berisi 15 digit"))
        #expect(FindingCode.nikLength.message(.en, value: "327508170885001").contains("has 15 digits"))
        #expect(FindingCode.phoneInvalid.message(.id, value: "0812-345").contains("****-345"))
        #expect(FindingCode.nameMissing.message(.id).hasPrefix("Nama kosong"))
        #expect(FindingCode.nameMissing.message(.en).hasPrefix("The name is empty"))
        let finding = Finding(code: .sexInvalid, severity: .warning, field: .sex, value: "X")
        #expect(finding.message() == FindingCode.sexInvalid.message(.id, value: "X"))
        #expect(finding.message(.en).contains("\"X\""))
    }

    @Test("severity policy: overrides, but never downgrades a NIK structure error")
    func policy() throws {
        var policy = SeverityPolicy()
        #expect(policy.severity(of: .kecamatanUnknown) == .warning)
        try policy.set(.error, for: .kecamatanUnknown)
        #expect(policy.severity(of: .kecamatanUnknown) == .error)
        try policy.set(.warning, for: .nikRegionInvalid)
        #expect(policy.severity(of: .nikRegionInvalid) == .warning)
        for code in [FindingCode.nikMissing, .nikLength, .nikNotDigits, .nikPrecisionLost] {
            #expect(throws: SeverityPolicyError.cannotDowngrade(code)) {
                try policy.set(.warning, for: code)
            }
            try policy.set(.error, for: code)
            #expect(policy.severity(of: code) == .error)
        }
        #expect(throws: SeverityPolicyError.cannotDowngrade(.nikLength)) {
            try SeverityPolicy(overrides: [.nikLength: .warning, .phoneInvalid: .error])
        }
        let built = try SeverityPolicy(overrides: [.phoneInvalid: .error, .nameMissing: .warning])
        #expect(built.severity(of: .phoneInvalid) == .error)
        #expect(built.severity(of: .nameMissing) == .warning)
        #expect(built.severity(of: .sexInvalid) == .warning)
        #expect(SeverityPolicyError.cannotDowngrade(.nikLength).description.contains("NIK_LENGTH"))
        #expect(SeverityPolicy.standard.severity(of: .nikSerialInvalid) == .error)
    }

    @Test("languages and severities by name")
    func names() {
        #expect(Language(rawValue: "en") == .en)
        #expect(Language(rawValue: "id") == .id)
        #expect(Severity(rawValue: "error") == .error)
        #expect(Severity.warning < Severity.error)
    }
}
