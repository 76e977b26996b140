import SIGAPPipeline
import SIGAPDomain
import Testing

@Test func probe() {
    let x: RunOptions.Type = RunOptions.self
    _ = x
}
