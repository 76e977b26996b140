import FuzzHarness

/// libFuzzer entry point, level 1: the input is a whole .xlsx file. One input in four (by length,
/// so that a replay does the same) is also read on two threads.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzContainer(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = UnsafeRawBufferPointer(start: data, count: data == nil ? 0 : size)
    Harness.run(workbook: bytes, concurrently: bytes.count % 4 == 0)
    return 0
}

/// Half of the mutations set a numeric field of a zip record to a boundary value (`Mutators`).
@_cdecl("LLVMFuzzerCustomMutator")
public func mutateContainer(_ data: UnsafeMutablePointer<UInt8>?, _ size: Int, _ maxSize: Int, _ seed: CUnsignedInt) -> Int {
    guard let data else { return 0 }
    return Mutators.mutateZip(data, size: size, maxSize: maxSize, seed: seed)
}
