// The deflate level of the workbooks we write.
//
// libxlsxwriter (Debian builds it against the system minizip) opens every part of a workbook with
// zipOpenNewFileInZip4_64(..., Z_DEFAULT_COMPRESSION, ...) and offers no option to change it.
// At the default level, deflating the XML of a large ledger costs more than writing it. A binary
// linking this file defines the symbol libxlsxwriter leaves undefined, so the linker exports it
// and the dynamic linker binds libxlsxwriter's calls here (the `sigap` binary and the test
// binaries alike); it forwards to minizip's own function, with level 1 (Z_BEST_SPEED)
// only while the calling thread has asked for it (`SpreadsheetWriter(fastCompression: true)`
// around `workbook_close`, which is when libxlsxwriter zips): the pipeline's outputs, not the
// fixtures, whose committed bytes stay what the default level gives. The files stay ordinary
// XLSX, about 25% larger. With a libxlsxwriter that has minizip built in, the shim is not called
// and libxlsxwriter keeps its default.

#define _GNU_SOURCE
#include <dlfcn.h>
#include <stdatomic.h>
#include <stddef.h>

#include "zip_level.h"

typedef void *zipFile;
typedef unsigned int uInt;
typedef unsigned long uLong;
struct zip_fileinfo;

typedef int (*open_entry_fn)(zipFile, const char *, const struct zip_fileinfo *, const void *, uInt, const void *, uInt,
                             const char *, int, int, int, int, int, int, const char *, uLong, uLong, uLong, int);

static _Thread_local int fast;

void sigap_zip_fast_begin(void) { fast = 1; }
void sigap_zip_fast_end(void) { fast = 0; }

int zipOpenNewFileInZip4_64(zipFile file, const char *filename, const struct zip_fileinfo *info, const void *extra_local,
                            uInt extra_local_size, const void *extra_global, uInt extra_global_size, const char *comment,
                            int method, int level, int raw, int window_bits, int mem_level, int strategy,
                            const char *password, uLong crc_for_crypting, uLong version_made_by, uLong flag_base,
                            int zip64) {
    static _Atomic(open_entry_fn) real;
    open_entry_fn next = atomic_load(&real);
    if (next == NULL) {
        next = (open_entry_fn)dlsym(RTLD_NEXT, "zipOpenNewFileInZip4_64");
        if (next == NULL) return -104; // ZIP_INTERNALERROR: minizip not found
        atomic_store(&real, next);
    }
    // Only a deflated entry at the default level is changed; stored entries stay stored.
    int chosen = (fast && method == 8 && level == -1) ? 1 : level;
    return next(file, filename, info, extra_local, extra_local_size, extra_global, extra_global_size, comment, method,
                chosen, raw, window_bits, mem_level, strategy, password, crc_for_crypting, version_made_by, flag_base, zip64);
}
