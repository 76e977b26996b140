import ArgumentParser
import SIGAPFixtures

/// `sigap fixtures`: synthetic input files for tests and benchmarks.
struct Fixtures: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fixtures",
        abstract: "Write synthetic input files for tests and benchmarks.",
        subcommands: [Roster.self, Acknowledgements.self, Layouts.self, Demo.self]
    )
}

extension Fixtures {
    /// `sigap fixtures roster --rows N --out FILE [--seed S]`.
    struct Roster: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "roster",
            abstract: "Write a synthetic agency roster workbook (made-up Kota Bekasi workers).",
            discussion: """
                One sheet: a header row, then N workers in 14 columns (No, NIK, Nama Lengkap, \
                Tempat Lahir, Tanggal Lahir, Jenis Kelamin, Alamat, RT, RW, Kelurahan, Kecamatan, \
                No HP, Jenis Pekerjaan, Keterangan). The same seed always gives the same bytes.
                """
        )

        @Option(help: "Number of data rows (0 to \(RosterGenerator.maxRows)).")
        var rows: Int

        @Option(help: "The .xlsx file to write (replaced if it exists).")
        var out: String

        @Option(help: "Seed of the pseudo-random generator.")
        var seed: UInt64 = 1

        @Flag(help: "Store strings inline, row by row, instead of in the shared string table (little memory).")
        var inlineStrings = false

        @Flag(help: "Write the sex as X or Y, which the pipeline flags (SEX_INVALID) on every row: a month full of warnings.")
        var everyRowWarned = false

        func validate() throws {
            guard (0...RosterGenerator.maxRows).contains(rows) else {
                throw ValidationError("--rows must be between 0 and \(RosterGenerator.maxRows).")
            }
        }

        func run() throws {
            let generator = RosterGenerator(
                rows: rows, seed: seed, stringStorage: inlineStrings ? .inline : .shared, everyRowWarned: everyRowWarned)
            do {
                try generator.write(to: out)
            } catch {
                StandardStreams.writeError("error: \(error)")
                throw ExitStatus.cannotWrite
            }
            StandardStreams.writeLine("wrote \(rows) rows to \(out)")
            StandardStreams.flush()
        }
    }
}

extension Fixtures {
    /// `sigap fixtures layouts --out FOLDER`: the messy roster layouts of SPEC §4.
    struct Layouts: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "layouts",
            abstract: "Write roster workbooks in the messy layouts agencies send (title rows, two-row headers, footers, ...)."
        )

        @Option(help: "The folder to write into (created if missing).")
        var out: String

        func run() throws {
            do {
                try FileSystem.createFolder(out)
                try MessyRosterFixtures.write(to: out)
            } catch {
                StandardStreams.writeError("error: \(error)")
                throw ExitStatus.cannotWrite
            }
            for name in MessyRosterFixtures.names { StandardStreams.writeLine("wrote \(out)/\(name)") }
            StandardStreams.flush()
        }
    }
}

extension Fixtures {
    /// `sigap fixtures demo-inbox --out FOLDER`: the shipped demo inbox (November 2025 to February 2026).
    struct Demo: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "demo-inbox",
            abstract: "Write the demo inbox: four agencies and BPJS, November 2025 to February 2026."
        )

        enum Part: String, ExpressibleByArgument { case all, november, later }

        @Option(help: "The inbox folder to write into.")
        var out: String

        @Option(help: "all, november (the first month only) or later (December to February).")
        var part: Part = .all

        func run() throws {
            do {
                switch part {
                case .all: try DemoInbox.write(to: out)
                case .november: try DemoInbox.writeNovember(to: out)
                case .later: try DemoInbox.writeLaterMonths(to: out)
                }
            } catch {
                StandardStreams.writeError("error: \(error)")
                throw ExitStatus.cannotWrite
            }
            StandardStreams.writeLine("wrote the demo inbox (\(part.rawValue)) to \(out)")
            StandardStreams.flush()
        }
    }
}

extension Fixtures {
    /// `sigap fixtures acks --rows N --period YYYY-MM --out FILE [--seed S]`: BPJS answers for a generated roster.
    struct Acknowledgements: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "acks",
            abstract: "Write a BPJS acknowledgement CSV for the workers of `fixtures roster` (same rows and seed)."
        )

        @Option(help: "Number of roster rows to answer for.")
        var rows: Int

        @Option(help: "The period answered, YYYY-MM.")
        var period: String

        @Option(help: "The .csv file to write.")
        var out: String

        @Option(help: "Seed of the roster.")
        var seed: UInt64 = 1

        func run() throws {
            do {
                try AcknowledgementGenerator(rows: rows, seed: seed, period: period).write(to: out)
            } catch {
                StandardStreams.writeError("error: \(error)")
                throw ExitStatus.cannotWrite
            }
            StandardStreams.writeLine("wrote acknowledgements for \(rows) rows to \(out)")
            StandardStreams.flush()
        }
    }
}
