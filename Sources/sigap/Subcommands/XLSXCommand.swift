import ArgumentParser

/// `sigap xlsx`: the reader's tools for the data team and for conformance checks (SPEC §13).
struct XLSXCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "xlsx",
        abstract: "Look inside a workbook with the pipeline's own reader.",
        subcommands: [XLSXSheets.self, XLSXDump.self, XLSXStat.self]
    )
}
