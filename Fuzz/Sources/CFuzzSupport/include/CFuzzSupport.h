#ifndef SIGAP_CFUZZSUPPORT_H
#define SIGAP_CFUZZSUPPORT_H

#include <stddef.h>
#include <stdint.h>

/// zlib's CRC-32 (uninstrumented, unlike Swift code built with -sanitize=fuzzer): the XML target
/// checksums up to 260 KB per input.
uint32_t cfs_crc32(const uint8_t *_Nullable bytes, size_t length);

/// libFuzzer's own mutation of `data[0..<size]` within `max_size` bytes; returns the new size.
/// Provided by libFuzzer; called from the targets' custom mutators.
size_t LLVMFuzzerMutate(uint8_t *_Nonnull data, size_t size, size_t max_size);

#endif
