#define _GNU_SOURCE
#include "sigap_fs.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <fcntl.h>
#include <sys/syscall.h>
#include <unistd.h>

#ifndef RENAME_EXCHANGE
#define RENAME_EXCHANGE (1 << 1)
#endif

int sigap_exchange_paths(const char *first, const char *second) {
#ifdef SYS_renameat2
    return (int)syscall(SYS_renameat2, AT_FDCWD, first, AT_FDCWD, second, RENAME_EXCHANGE);
#else
    errno = ENOSYS;
    return -1;
#endif
}

int sigap_open_unnamed(const char *folder) {
#ifdef O_TMPFILE
    int unnamed = open(folder, O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);
    if (unnamed >= 0) return unnamed;
#endif
    // A file system without O_TMPFILE: a file made with mode 0600 and removed at once; never one
    // left with a name.
    char path[PATH_MAX];
    if (snprintf(path, sizeof path, "%s/.sigap-spool-XXXXXX", folder) >= (int)sizeof path) {
        errno = ENAMETOOLONG;
        return -1;
    }
    int named = mkostemp(path, O_CLOEXEC);
    if (named < 0) return -1;
    if (unlink(path) != 0) {
        int cause = errno;
        close(named);
        errno = cause;
        return -1;
    }
    return named;
}
