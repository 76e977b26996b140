#ifndef SIGAP_ZIP_LEVEL_H
#define SIGAP_ZIP_LEVEL_H

/// How many zip entries libxlsxwriter has opened through this shim (0 when the shim is not in
/// effect, e.g. in a binary that does not export it).
long sigap_zip_level_entries(void);

#endif
