import ArgumentParser
import Foundation
import SIGAPDomain
import SIGAPPipeline

/// `sigap verify` (SPEC §16): every closed month's seal recomputed from the store's rows and from
/// the published files, and compared with the seal chain and the SEAL files. Exit 0 when all
/// agree; 70 naming the first month that differs and what differs. Reads only.
struct Verify: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check every closed month against its seal: the store's rows, the published files and the SEAL files.")

    @OptionGroup var options: PipelineOptions

    func validate() throws {
        try options.refuseUnused(by: "verify", uses: ["--out", "--store"])
    }

    func run() throws {
        let definition = try options.definition()
        let held = try options.lock(definition, creating: false)
        defer { withExtendedLifetime(held) {} }
        let store = try options.openStore(definition, mode: .existing)
        let seals: [MonthSeal]
        do {
            seals = try SealChain(store: store, out: options.outPath(definition)).verify { StandardStreams.writeLine($0) }
        } catch let error as StoreError {
            StandardStreams.flush()
            options.reportError("\(error)")
            throw ExitStatus.of(error)
        }
        if seals.isEmpty {
            StandardStreams.writeLine("no closed month yet: nothing to verify")
        } else {
            let months =
                seals.count == 1
                ? "1 closed month (\(seals[0].month)) agrees with its seal"
                : "\(seals.count) closed months (\(seals[0].month) to \(seals[seals.count - 1].month)) agree with their seals"
            StandardStreams.writeLine("verified: \(months)")
        }
        StandardStreams.flush()
    }
}
