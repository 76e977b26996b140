#include "CFuzzSupport.h"

#include <zlib.h>

uint32_t cfs_crc32(const uint8_t *bytes, size_t length) {
    uLong crc = crc32(0L, Z_NULL, 0);
    while (length > 0) {
        uInt piece = length > 0x40000000u ? 0x40000000u : (uInt)length;
        crc = crc32(crc, bytes, piece);
        bytes += piece;
        length -= piece;
    }
    return (uint32_t)crc;
}

// SwiftPM links every Linux executable with `--defsym main=<module>_main` (so that tests can link
// executables), and a fuzz target compiled with `-parse-as-library` defines no such function: the
// link fails with "undefined symbol 'fuzz_container_main'". These definitions hand control to
// libFuzzer's own driver, exactly what libFuzzer's `main` does. Should SwiftPM stop renaming
// `main`, they are simply unused and libFuzzer's `main` runs instead.

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*callback)(const uint8_t *data, size_t size));

static int run_libfuzzer(int argc, char **argv) { return LLVMFuzzerRunDriver(&argc, &argv, LLVMFuzzerTestOneInput); }

int fuzz_container_main(int argc, char **argv) { return run_libfuzzer(argc, argv); }
int fuzz_xml_main(int argc, char **argv) { return run_libfuzzer(argc, argv); }
