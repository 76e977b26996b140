#ifndef SIGAP_CXLSXWRITER_SHIM_H
#define SIGAP_CXLSXWRITER_SHIM_H

#include <xlsxwriter.h>

#endif
