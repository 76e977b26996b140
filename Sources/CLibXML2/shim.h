#ifndef SIGAP_CLIBXML2_SHIM_H
#define SIGAP_CLIBXML2_SHIM_H

// Imported only by the CXMLBridge C target. No Swift module may import this one: libxml2's
// headers pull in the system ICU, whose types clash with the ICU inside Foundation.
#include <libxml/parser.h>
#include <libxml/SAX2.h>

#endif
