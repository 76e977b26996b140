#ifndef SIGAP_MALLOC_H
#define SIGAP_MALLOC_H

#include <stddef.h>

/// Gives the free pages of the C heap back to the system (glibc `malloc_trim`): after a phase that
/// freed much memory in small pieces (a month's roster being read), so that the next phase does not
/// count them twice. Returns 1 when memory was released. A no-op elsewhere.
int sigap_release_free_memory(void);

#endif
