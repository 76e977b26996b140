import ArgumentParser

/// `sigap`: the SIGAP ledger pipeline's command line. Glue only: the work lives in the libraries.
@main
struct SigapCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sigap",
        abstract: "SIGAP ledger pipeline for Kota Bekasi (BPJS Ketenagakerjaan premiums for informal workers).",
        version: SigapVersion.current,
        subcommands: [
            Run.self, Close.self, Status.self, Report.self, Verify.self, Explain.self, Inspect.self, XLSXCommand.self, Fixtures.self,
            NIKCommand.self,
        ]
    )
}
