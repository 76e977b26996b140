import Foundation

/// Writes the months' workbooks at temporary paths while the run goes on: a second thread takes
/// them as the months are computed, and the run's own thread joins in once its other work is
/// done (`finish`). Nothing is put in place here: `MonthPublisher.commit` does that after the
/// store is saved. Whatever fails, no temporary file is left and no thread outlives the run.
final class WorkbookStager: @unchecked Sendable {
    private let publisher: MonthPublisher
    private let condition = NSCondition()
    private var queue: [(month: Int, position: Int, job: MonthPublisher.WorkbookJob)] = []
    private var staged: [Int: [Int: (staged: OutputFolder.Staged, sha256: String)]] = [:]
    private var plans: [(jobs: Int, removals: [String])] = []
    private var closed = false
    private var helperDone = false
    private var failure: (any Error)?

    init(publisher: MonthPublisher) {
        self.publisher = publisher
        let thread = Thread { [self] in
            work()
            condition.lock()
            helperDone = true
            condition.broadcast()
            condition.unlock()
        }
        thread.stackSize = 8 << 20
        thread.start()
    }

    /// Queues a month's workbooks; months are numbered in the order added.
    func add(_ result: PipelineRun.MonthResult) {
        let (jobs, removals) = publisher.workbookJobs(result)
        condition.lock()
        let month = plans.count
        plans.append((jobs.count, removals))
        for (position, job) in jobs.enumerated() { queue.append((month, position, job)) }
        condition.broadcast()
        condition.unlock()
    }

    /// Joins in until every workbook is written; then each month's, in the order added. On a
    /// failure every staged file is removed and the first error thrown.
    func finish() throws -> [MonthPublisher.StagedWorkbooks] {
        close()
        work()
        waitForHelper()
        if let failure {
            discardAll()
            throw failure
        }
        return plans.enumerated().map { month, plan in
            MonthPublisher.StagedWorkbooks(
                files: (0..<plan.jobs).compactMap { staged[month]?[$0] }, removals: plan.removals)
        }
    }

    /// Stops: waits for the workbook being written and removes everything staged.
    func abandon() {
        close()
        condition.lock()
        queue.removeAll()
        condition.unlock()
        waitForHelper()
        discardAll()
    }

    private func close() {
        condition.lock()
        closed = true
        condition.broadcast()
        condition.unlock()
    }

    private func waitForHelper() {
        condition.lock()
        while !helperDone { condition.wait() }
        condition.unlock()
    }

    private func discardAll() {
        condition.lock()
        let files = staged.values.flatMap(\.values)
        staged = [:]
        condition.unlock()
        for file in files { publisher.folder.discard(file.staged) }
    }

    /// Takes jobs until the queue is closed and empty (or something failed).
    private func work() {
        while true {
            condition.lock()
            while queue.isEmpty && !closed { condition.wait() }
            if queue.isEmpty || failure != nil {
                condition.unlock()
                return
            }
            let next = queue.removeFirst()
            condition.unlock()
            do {
                let file = try publisher.stage(next.job)
                condition.lock()
                staged[next.month, default: [:]][next.position] = file
                condition.unlock()
            } catch {
                condition.lock()
                if failure == nil { failure = error }
                condition.unlock()
            }
        }
    }
}
