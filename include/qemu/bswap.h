/*
 * Little- and big-endian loads and stores at unaligned host pointers, for
 * guest-defined structures (virtio rings, disk image headers).
 */
#ifndef QEMU_BSWAP_H
#define QEMU_BSWAP_H

#include <stdint.h>
#include <string.h>

static inline uint16_t lduw_le_p(const void *p)
{
    const uint8_t *b = p;

    return b[0] | (uint16_t)b[1] << 8;
}

static inline uint32_t ldl_le_p(const void *p)
{
    const uint8_t *b = p;

    return lduw_le_p(b) | (uint32_t)lduw_le_p(b + 2) << 16;
}

static inline uint64_t ldq_le_p(const void *p)
{
    const uint8_t *b = p;

    return ldl_le_p(b) | (uint64_t)ldl_le_p(b + 4) << 32;
}

static inline void stw_le_p(void *p, uint16_t v)
{
    uint8_t *b = p;

    b[0] = v;
    b[1] = v >> 8;
}

static inline void stl_le_p(void *p, uint32_t v)
{
    stw_le_p(p, v);
    stw_le_p((uint8_t *)p + 2, v >> 16);
}

static inline void stq_le_p(void *p, uint64_t v)
{
    stl_le_p(p, v);
    stl_le_p((uint8_t *)p + 4, v >> 32);
}

static inline uint16_t lduw_be_p(const void *p)
{
    const uint8_t *b = p;

    return (uint16_t)b[0] << 8 | b[1];
}

static inline uint32_t ldl_be_p(const void *p)
{
    const uint8_t *b = p;

    return (uint32_t)lduw_be_p(b) << 16 | lduw_be_p(b + 2);
}

static inline uint64_t ldq_be_p(const void *p)
{
    const uint8_t *b = p;

    return (uint64_t)ldl_be_p(b) << 32 | ldl_be_p(b + 4);
}

static inline void stw_be_p(void *p, uint16_t v)
{
    uint8_t *b = p;

    b[0] = v >> 8;
    b[1] = v;
}

static inline void stl_be_p(void *p, uint32_t v)
{
    stw_be_p(p, v >> 16);
    stw_be_p((uint8_t *)p + 2, v);
}

static inline void stq_be_p(void *p, uint64_t v)
{
    stl_be_p(p, v >> 32);
    stl_be_p((uint8_t *)p + 4, v);
}

#endif
