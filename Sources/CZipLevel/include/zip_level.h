#ifndef SIGAP_ZIP_LEVEL_H
#define SIGAP_ZIP_LEVEL_H

/// Between `begin` and `end`, on the calling thread, zip entries that libxlsxwriter opens at the
/// default level are deflated at level 1 instead (when the shim is in effect: see zip_level.c).
void sigap_zip_fast_begin(void);
void sigap_zip_fast_end(void);

#endif
