#include "sigap_sqlite.h"

#include <sqlite3.h>

// `sqlite3_config` takes variable arguments, which Swift cannot call: this wraps the one setting.
int sigap_sqlite_disable_memory_statistics(void) { return sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0); }
