#ifndef SIGAP_CZLIB_SHIM_H
#define SIGAP_CZLIB_SHIM_H

#include <zlib.h>

/// `inflateInit2` is a function-like macro; Swift cannot call it directly.
static inline int czlib_inflate_init2(z_streamp stream, int windowBits) {
    return inflateInit2(stream, windowBits);
}

#endif
