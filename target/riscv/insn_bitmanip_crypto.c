/*
 * Bit-manipulation instructions beyond Zba/Zbb/Zbs: Zbc (carry-less
 * multiply) and the scalar-crypto subsets Zbkb (pack, packh, packw,
 * brev8; it shares rev8, rotates and andn/orn/xnor with Zbb), Zbkc
 * (clmul, clmulh, shared with Zbc) and Zbkx (crossbar permutations).
 * RISC-V Bit-Manipulation ISA-extensions 1.0.0 and Scalar Cryptography
 * 1.0.1. zip/unzip are RV32-only and do not exist here.
 */
#include "qemu/osdep.h"
#include "target/riscv/cpu.h"
#include "target/riscv/insn_ops.h"

/*
 * Carry-less product of a and b: bits 63..0 (low) and 127..64 (high).
 * clmulr is bits 126..63, i.e. (high << 1) | (low >> 63).
 */
static void clmul128(uint64_t a, uint64_t b, uint64_t *hi, uint64_t *lo)
{
    uint64_t h = 0, l = 0;

    for (int i = 0; i < 64; i++) {
        if ((b >> i) & 1) {
            l ^= a << i;
            h ^= i ? a >> (64 - i) : 0;
        }
    }
    *hi = h;
    *lo = l;
}

static uint64_t clmul_lo(uint64_t a, uint64_t b)
{
    uint64_t hi, lo;

    clmul128(a, b, &hi, &lo);
    return lo;
}

static uint64_t clmul_hi(uint64_t a, uint64_t b)
{
    uint64_t hi, lo;

    clmul128(a, b, &hi, &lo);
    return hi;
}

static uint64_t clmul_rev(uint64_t a, uint64_t b)
{
    uint64_t hi, lo;

    clmul128(a, b, &hi, &lo);
    return (hi << 1) | (lo >> 63);
}

/* Reverse the bits within each byte. */
static uint64_t brev8(uint64_t v)
{
    v = ((v >> 1) & 0x5555555555555555ULL) | ((v & 0x5555555555555555ULL) << 1);
    v = ((v >> 2) & 0x3333333333333333ULL) | ((v & 0x3333333333333333ULL) << 2);
    v = ((v >> 4) & 0x0f0f0f0f0f0f0f0fULL) | ((v & 0x0f0f0f0f0f0f0f0fULL) << 4);
    return v;
}

/*
 * Crossbar permutation: element i of the result is element b[i] of a
 * (elements of `bits` bits), or 0 when that index is out of range.
 */
static uint64_t xperm(uint64_t a, uint64_t b, unsigned bits)
{
    uint64_t mask = (1ULL << bits) - 1, r = 0;

    for (unsigned i = 0; i < 64; i += bits) {
        uint64_t idx = (b >> i) & mask;
        if (idx * bits < 64) {
            r |= ((a >> (idx * bits)) & mask) << i;
        }
    }
    return r;
}

OP_RR(clmul, clmul_lo(a, b))
OP_RR(clmulh, clmul_hi(a, b))
OP_RR(clmulr, clmul_rev(a, b))
OP_RR(pack, (a & 0xffffffffULL) | (b << 32))
OP_RR(packh, (a & 0xff) | ((b & 0xff) << 8))
OP_RR(packw, sext32((a & 0xffff) | ((b & 0xffff) << 16)))
OP_R(brev8, brev8(a))
OP_RR(xperm4, xperm(a, b, 4))
OP_RR(xperm8, xperm(a, b, 8))
