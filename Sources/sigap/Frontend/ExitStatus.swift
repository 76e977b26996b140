import ArgumentParser
import SIGAPPipeline

/// The exit codes of SPEC §11, in one place.
enum ExitStatus {
    static let usage = ExitCode(64)
    static let unreadableInput = ExitCode(65)
    static let missingInput = ExitCode(66)
    static let internalError = ExitCode(70)
    static let cannotWrite = ExitCode(73)
    static let locked = ExitCode(75)
    static let invalidPipeline = ExitCode(78)

    /// The status a run ends with, from how it ended.
    static func of(_ status: RunStatus) -> ExitCode {
        switch status {
        case .clean: .success
        case .inputProblems: unreadableInput
        case .inboxMissing: missingInput
        case .invariantViolated: internalError
        case .publishFailed: cannotWrite
        }
    }

    /// The status a store problem ends a command with: decided here, once, from its code.
    static func of(_ error: StoreError) -> ExitCode {
        switch error.code {
        case .cannotWrite: cannotWrite
        case .refused: usage
        case .damaged: internalError
        case .missing: missingInput
        }
    }
}
