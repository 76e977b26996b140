#ifndef SIGAP_FS_H
#define SIGAP_FS_H

/// Swaps two paths in one step (`renameat2` with `RENAME_EXCHANGE`, Linux 3.15+): each name then
/// points at what the other did, and no moment exists where either is missing or half moved. A
/// closed month's folder is published this way. Returns 0, or -1 with `errno` set (`EINVAL` or
/// `ENOSYS` where the file system or kernel cannot: the caller then renames file by file).
int sigap_exchange_paths(const char *first, const char *second);

/// Opens a new file with no name in `folder` for reading and writing (`O_TMPFILE`, mode 0600,
/// close-on-exec): nobody else can open it, and it is gone when closed, even after a crash. Where
/// the file system cannot, a file made with `mkostemp` (mode 0600) and removed at once. Returns the
/// descriptor, or -1 with `errno` set.
int sigap_open_unnamed(const char *folder);

#endif
