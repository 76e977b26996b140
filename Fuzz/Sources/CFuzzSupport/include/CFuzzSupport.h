#ifndef SIGAP_CFUZZSUPPORT_H
#define SIGAP_CFUZZSUPPORT_H

#include <stddef.h>
#include <stdint.h>

/// zlib's CRC-32 (uninstrumented, unlike Swift code built with -sanitize=fuzzer): the XML target
/// checksums up to 260 KB per input.
uint32_t cfs_crc32(const uint8_t *_Nullable bytes, size_t length);

#endif
