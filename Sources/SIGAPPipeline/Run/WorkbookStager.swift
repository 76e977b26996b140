import Foundation
import SIGAPDomain

/// Writes the months' workbooks at temporary paths while the run goes on: a second thread takes
/// them as the months are computed, and the run's own thread joins in when it waits for a month
/// (`steps(ofMonth:)`). Nothing is put in place here: `MonthPublisher.commit` does that, in
/// publishing order, after the store is saved. Whatever fails, no temporary file or folder made
/// for it is left, and no thread outlives the run (`finish` or `abandon`).
final class WorkbookStager: @unchecked Sendable {
    private let publisher: MonthPublisher
    private let condition = NSCondition()
    private var queue: [(month: Int, step: Int, job: MonthPublisher.WorkbookJob)] = []
    /// Each month's steps as they stand (`.skipped` until done).
    private var steps: [[MonthPublisher.StagedStep]] = []
    /// Writes of each month not yet done.
    private var remaining: [Int] = []
    /// The earliest failed step of each month (its later writes are skipped).
    private var firstFailure: [Int: Int] = [:]
    /// Each month's number, from `begin`.
    private var begun: [YearMonth: Int] = [:]
    /// Folders the months' workbooks go in that did not exist, deepest first (removed when empty at
    /// the end).
    private var folders: [String] = []
    private var closed = false
    private var helperDone = false

    init(publisher: MonthPublisher) {
        self.publisher = publisher
        let thread = Thread { [self] in
            while runNext(waiting: true) {}
            condition.lock()
            helperDone = true
            condition.broadcast()
            condition.unlock()
        }
        thread.stackSize = 8 << 20
        thread.start()
    }

    /// Starts writing a month's correction workbooks, which depend on its rosters alone, while the
    /// rest of the month is computed (a million rows to correct take as long to write as the month
    /// takes to compute); `add` brings its other workbooks. Months are numbered from 0 in the order
    /// begun.
    func begin(_ month: YearMonth, corrections: [String: CorrectionList], notices: [String: [CorrectionWorkbook.Notice]]) {
        let plan = publisher.correctionSteps(month, corrections: corrections, notices: notices)
        condition.lock()
        let index = steps.count
        begun[month] = index
        steps.append(Array(repeating: .skipped, count: MonthPublisher.resultStepCount))
        remaining.append(0)
        enqueue(plan, month: index)
        // Folders staging may make, if they are not there yet (removed at the end when empty).
        for folder in ["\(month)", "\(month)/koreksi"]
        where !FileManager.default.fileExists(atPath: "\(publisher.folder.root)/\(folder)") {
            folders.insert(folder, at: 0)
        }
        condition.broadcast()
        condition.unlock()
        // At most this month and the one before in the making: a run holds one month's results
        // (and the next one's) whatever the pace of the writer; this thread helps meanwhile.
        waitForWrites(of: 0..<max(index - 1, 0))
    }

    /// Queues the rest of a month's workbooks (ledger.xlsx, submission.xlsx), once it is computed;
    /// the month was begun.
    func add(_ result: PipelineRun.MonthResult) {
        let plan = publisher.resultSteps(result)
        precondition(plan.count == MonthPublisher.resultStepCount, "a month's result has \(MonthPublisher.resultStepCount) workbooks")
        condition.lock()
        guard let index = begun[result.month] else { preconditionFailure("\(result.month) was added without being begun") }
        for (position, step) in plan.enumerated() {
            if case .remove(let relative) = step { steps[index][position] = .remove(relative) }
            guard case .write(let job) = step else { continue }
            queue.append((index, position, job))
            remaining[index] += 1
        }
        condition.broadcast()
        condition.unlock()
    }

    /// Appends `plan` to the steps of `month`, its writes to the queue (called locked).
    private func enqueue(_ plan: [MonthPublisher.WorkbookStep], month: Int) {
        for step in plan {
            let position = steps[month].count
            switch step {
            case .remove(let relative):
                steps[month].append(.remove(relative))
            case .write(let job):
                steps[month].append(.skipped)
                queue.append((month, position, job))
                remaining[month] += 1
            }
        }
    }

    private func waitForWrites(of months: Range<Int>) {
        while true {
            condition.lock()
            let busy = remaining[months].contains { $0 > 0 }
            let hasWork = queue.contains { $0.month < months.upperBound }
            if busy && !hasWork { condition.wait() }
            condition.unlock()
            if !busy { return }
            if hasWork { _ = runNext(waiting: false, upTo: months.upperBound - 1) }
        }
    }

    /// No more months: the second thread ends once the queue is empty.
    func close() {
        condition.lock()
        closed = true
        condition.broadcast()
        condition.unlock()
    }

    /// A month's steps once all its writes are done, this thread writing queued workbooks while
    /// it waits. They are the caller's from then on (to commit or discard).
    func steps(ofMonth month: Int) -> [MonthPublisher.StagedStep] {
        waitForWrites(of: month..<(month + 1))
        condition.lock()
        defer { condition.unlock() }
        let result = steps[month]
        steps[month] = result.map { _ in .skipped }
        return result
    }

    /// Waits for the second thread; removes whatever is staged and not taken, and the workbooks'
    /// folders that are left empty (made for files that were never put in place).
    func finish() {
        close()
        condition.lock()
        while !helperDone { condition.wait() }
        let left = steps.flatMap { $0 }
        steps = steps.map { $0.map { _ in .skipped } }
        condition.unlock()
        publisher.discard(left)
        for folder in folders { rmdir("\(publisher.folder.root)/\(folder)") }
    }

    /// Stops: drops the queued jobs, waits for the one being written, removes everything staged.
    func abandon() {
        condition.lock()
        queue.removeAll()
        condition.unlock()
        finish()
    }

    /// Runs one queued job (of a month up to `upTo`, if given). False when there is none (and,
    /// if `waiting`, the queue is closed).
    private func runNext(waiting: Bool, upTo limit: Int = .max) -> Bool {
        condition.lock()
        while waiting && queue.isEmpty && !closed { condition.wait() }
        guard let index = queue.firstIndex(where: { $0.month <= limit }) else {
            condition.unlock()
            return false
        }
        let next = queue.remove(at: index)
        // A write after a failed step of its month would be thrown away: skipped.
        let skip = firstFailure[next.month].map { $0 < next.step } ?? false
        condition.unlock()
        var outcome: MonthPublisher.StagedStep = .skipped
        if !skip {
            do {
                let file = try publisher.stage(next.job)
                outcome = .staged(file.staged, sha256: file.sha256)
            } catch {
                outcome = .failed(error)
            }
        }
        condition.lock()
        steps[next.month][next.step] = outcome
        if case .failed = outcome, firstFailure[next.month].map({ next.step < $0 }) ?? true {
            firstFailure[next.month] = next.step
        }
        remaining[next.month] -= 1
        condition.broadcast()
        condition.unlock()
        return true
    }
}
