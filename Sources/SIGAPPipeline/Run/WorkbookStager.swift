import Foundation

/// Writes the months' workbooks at temporary paths while the run goes on: a second thread takes
/// them as the months are computed, and the run's own thread joins in when it waits for a month
/// (`workbooks(ofMonth:)`). Nothing is put in place here: `MonthPublisher.commit` does that after
/// the store is saved. A month whose workbooks fail does not stop the others; whatever fails, no
/// temporary file is left and no thread outlives the run (`finish` or `abandon`).
final class WorkbookStager: @unchecked Sendable {
    private typealias StagedFile = (staged: OutputFolder.Staged, sha256: String)

    private let publisher: MonthPublisher
    private let condition = NSCondition()
    private var queue: [(month: Int, position: Int, job: MonthPublisher.WorkbookJob)] = []
    private var staged: [Int: [Int: StagedFile]] = [:]
    private var plans: [(jobs: Int, removals: [String])] = []
    /// Jobs of each month not yet done.
    private var remaining: [Int] = []
    /// The first error of each month that failed (its other workbooks are skipped).
    private var failures: [Int: any Error] = [:]
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

    /// Queues a month's workbooks; months are numbered from 0 in the order added.
    func add(_ result: PipelineRun.MonthResult) {
        let (jobs, removals) = publisher.workbookJobs(result)
        condition.lock()
        let month = plans.count
        plans.append((jobs.count, removals))
        remaining.append(jobs.count)
        for (position, job) in jobs.enumerated() { queue.append((month, position, job)) }
        condition.broadcast()
        condition.unlock()
    }

    /// No more months: the second thread ends once the queue is empty.
    func close() {
        condition.lock()
        closed = true
        condition.broadcast()
        condition.unlock()
    }

    /// A month's staged workbooks, or the first error writing them (its other files removed).
    /// Writes queued workbooks on this thread while it waits.
    func workbooks(ofMonth month: Int) -> Result<MonthPublisher.StagedWorkbooks, any Error> {
        while true {
            condition.lock()
            if remaining[month] == 0 {
                let files = (0..<plans[month].jobs).compactMap { staged[month]?[$0] }
                staged[month] = nil
                let failure = failures[month]
                condition.unlock()
                if let failure {
                    for file in files { publisher.folder.discard(file.staged) }
                    return .failure(failure)
                }
                return .success(MonthPublisher.StagedWorkbooks(files: files, removals: plans[month].removals))
            }
            let hasWork = !queue.isEmpty
            if !hasWork { condition.wait() }
            condition.unlock()
            if hasWork { _ = runNext(waiting: false) }
        }
    }

    /// Waits for the second thread; removes whatever is staged and not taken.
    func finish() {
        close()
        condition.lock()
        while !helperDone { condition.wait() }
        let files = staged.values.flatMap(\.values)
        staged = [:]
        condition.unlock()
        for file in files { publisher.folder.discard(file.staged) }
    }

    /// Stops: drops the queued jobs, waits for the one being written, removes everything staged.
    func abandon() {
        condition.lock()
        queue.removeAll()
        condition.unlock()
        finish()
    }

    /// Runs one queued job. False when there is none (and, if `waiting`, the queue is closed).
    private func runNext(waiting: Bool) -> Bool {
        condition.lock()
        while waiting && queue.isEmpty && !closed { condition.wait() }
        guard !queue.isEmpty else {
            condition.unlock()
            return false
        }
        let next = queue.removeFirst()
        let skip = failures[next.month] != nil
        condition.unlock()
        var outcome: Result<StagedFile, any Error>?
        if !skip { outcome = Result { try publisher.stage(next.job) } }
        condition.lock()
        switch outcome {
        case .success(let file)?: staged[next.month, default: [:]][next.position] = file
        case .failure(let error)?: if failures[next.month] == nil { failures[next.month] = error }
        case nil: break
        }
        remaining[next.month] -= 1
        condition.broadcast()
        condition.unlock()
        return true
    }
}
