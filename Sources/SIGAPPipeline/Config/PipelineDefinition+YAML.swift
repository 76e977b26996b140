import Foundation
import SIGAPDomain
import Yams

extension PipelineDefinition {
    /// Loads and checks a definition: a YAML syntax error names the line and column; a missing
    /// required key, an unknown key or a bad value names the key.
    public static func load(path: String) throws -> PipelineDefinition {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw PipelineDefinitionError(file: path, problem: "cannot read the file")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw PipelineDefinitionError(file: path, problem: "not UTF-8 text")
        }
        return try parse(text, file: path)
    }

    public static func parse(_ text: String, file: String) throws -> PipelineDefinition {
        let root: Node
        do {
            guard let node = try Yams.compose(yaml: text) else {
                throw PipelineDefinitionError(file: file, problem: "the file is empty")
            }
            root = node
        } catch let error as YamlError {
            throw syntaxError(error, file: file)
        }
        var reader = YAMLMapping(root, path: "", file: file)
        try reader.allow([
            "programme", "region", "start_month", "premium", "age", "sources", "severity", "paths", "limits",
        ])
        let programme = try reader.string("programme")
        let region = try reader.string("region")
        guard region.count == 4, region.allSatisfy(\.isNumber) else {
            throw reader.error("region", "must be the 4-digit Kemendagri code of the regency or city, e.g. \"3275\"")
        }
        let startMonth = try reader.month("start_month")

        var premiums: [PremiumRate] = []
        for (index, node) in try reader.sequence("premium").enumerated() {
            var rate = YAMLMapping(node, path: "premium[\(index)]", file: file)
            try rate.allow(["from", "jkk", "jkm"])
            premiums.append(PremiumRate(from: try rate.month("from"), jkk: try rate.integer("jkk"), jkm: try rate.integer("jkm")))
        }
        guard !premiums.isEmpty else { throw reader.error("premium", "needs at least one rate") }
        guard premiums.contains(where: { $0.from <= startMonth }) else {
            throw reader.error("premium", "no rate is in force at start_month \(startMonth)")
        }

        var age = try reader.mapping("age")
        try age.allow(["min", "max"])
        let ageMin = try age.integer("min"), ageMax = try age.integer("max")
        guard ageMin < ageMax else { throw age.error("min", "must be below age.max") }

        var sources: [Source] = []
        for (index, node) in try reader.sequence("sources").enumerated() {
            var source = YAMLMapping(node, path: "sources[\(index)]", file: file)
            try source.allow(["code", "name", "synonyms", "sheet", "header_row"])
            let code = try source.string("code")
            guard !code.isEmpty, code.allSatisfy({ $0.isUppercase || $0.isNumber || $0 == "_" }), code != "BPJS" else {
                throw source.error("code", "must be upper-case letters, digits or _ (and not BPJS)")
            }
            guard !sources.contains(where: { $0.code == code }) else { throw source.error("code", "\(code) is declared twice") }
            var synonyms: [RosterField: [String]] = [:]
            if let map = try source.optionalMapping("synonyms") {
                for key in map.keys {
                    guard let field = RosterField(rawValue: key) else {
                        throw map.error(key, "unknown field (known: \(RosterField.allCases.map(\.rawValue).joined(separator: ", ")))")
                    }
                    synonyms[field] = try map.strings(key)
                }
            }
            let headerRow = try source.optionalInteger("header_row")
            if let headerRow, !(1...30).contains(headerRow) { throw source.error("header_row", "must be between 1 and 30") }
            sources.append(
                Source(
                    code: code, name: try source.string("name"), synonyms: synonyms, sheet: try source.optionalString("sheet"),
                    headerRow: headerRow))
        }
        guard !sources.isEmpty else { throw reader.error("sources", "needs at least one source") }

        var overrides: [FindingCode: Severity] = [:]
        if let map = try reader.optionalMapping("severity") {
            for key in map.keys {
                guard let code = FindingCode(rawValue: key) else { throw map.error(key, "unknown finding code") }
                let value = try map.string(key)
                guard let severity = Severity(rawValue: value) else { throw map.error(key, "must be error or warning") }
                if code.isAlwaysError && severity != .error {
                    throw map.error(key, "\(code.rawValue) is always an error (SPEC §5)")
                }
                overrides[code] = severity
            }
        }

        var paths = try reader.mapping("paths")
        try paths.allow(["inbox", "out", "store"])
        var limits = try reader.optionalMapping("limits")
        try limits?.allow(["max_inflated_per_entry", "max_inflated_per_file"])

        return PipelineDefinition(
            programme: programme, region: region, startMonth: startMonth, premiums: premiums.sorted { $0.from < $1.from },
            ageMin: ageMin, ageMax: ageMax, sources: sources, severityOverrides: overrides,
            inbox: try paths.string("inbox"), out: try paths.string("out"), store: try paths.string("store"),
            maxInflatedPerEntry: try limits?.optionalInteger("max_inflated_per_entry").map(Int64.init),
            maxInflatedPerFile: try limits?.optionalInteger("max_inflated_per_file").map(Int64.init))
    }

    private static func syntaxError(_ error: YamlError, file: String) -> PipelineDefinitionError {
        switch error {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _), .composer(_, let problem, let mark, _):
            return PipelineDefinitionError(file: file, line: mark.line, column: mark.column, problem: "YAML syntax error: \(problem)")
        default:
            return PipelineDefinitionError(file: file, problem: "YAML error: \(error)")
        }
    }
}
