import FuzzHarness

/// libFuzzer entry point, level 1: the input is a whole .xlsx file.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzContainer(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    Harness.run(workbook: UnsafeRawBufferPointer(start: data, count: data == nil ? 0 : size))
    return 0
}
