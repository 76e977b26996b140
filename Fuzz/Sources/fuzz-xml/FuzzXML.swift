import FuzzHarness

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// With `SIGAP_FUZZ_SAVE_XLSX=<path>` the wrapped workbook is also written there before it is read:
/// how `tools/fuzz/run.sh` turns an XML crasher into a regression fixture.
let savePath: String? = getenv("SIGAP_FUZZ_SAVE_XLSX").map { String(cString: $0) }

/// libFuzzer entry point, level 2: the input is a part selector byte and one XML part, wrapped into
/// a valid minimal workbook (see `XMLWorkbook`).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzXML(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let (workbook, concurrently) = XMLWorkbook.build(
        fuzzInput: UnsafeRawBufferPointer(start: data, count: data == nil ? 0 : size))
    workbook.withUnsafeBytes { bytes in
        if let savePath { Harness.writeFile(bytes, to: savePath) }
        Harness.run(workbook: bytes, concurrently: concurrently)
    }
    return 0
}

/// Half of the mutations set a cell value or a telling attribute to a boundary value (`Mutators`).
@_cdecl("LLVMFuzzerCustomMutator")
public func mutateXML(_ data: UnsafeMutablePointer<UInt8>?, _ size: Int, _ maxSize: Int, _ seed: CUnsignedInt) -> Int {
    guard let data else { return 0 }
    return Mutators.mutateXML(data, size: size, maxSize: maxSize, seed: seed)
}
