/*
 * CPUID as -cpu made it: the command line (-append) lists expectations
 * "LEAF[.SUB]:REG:BIT=V" (hex leaf, reg eax|ebx|ecx|edx), e.g. "1:ecx:28=1"
 * for AVX; expectation i failing exits with code i + 1.
 */
#include "mb-lib.h"

static uint32_t hex(const char **p)
{
    uint32_t v = 0;

    for (;; (*p)++) {
        char c = **p;

        if (c >= '0' && c <= '9') {
            v = v * 16 + c - '0';
        } else if (c >= 'a' && c <= 'f') {
            v = v * 16 + c - 'a' + 10;
        } else {
            return v;
        }
    }
}

static int reg_index(const char *p)
{
    static const char names[4][4] = { "eax", "ebx", "ecx", "edx" };

    for (int i = 0; i < 4; i++) {
        if (p[0] == names[i][0] && p[1] == names[i][1] && p[2] == names[i][2]) {
            return i;
        }
    }
    return -1;
}

void guest_main(uint32_t magic, struct mb_info *info)
{
    const char *p = (const char *)(uintptr_t)info->cmdline;
    int n = 0;

    check(magic == 0x2badb002 && (info->flags & (1u << 2)), 0x3f);
    while (*p && *p != ' ') { /* the kernel's file name */
        p++;
    }
    while (*p) {
        uint32_t leaf, sub = 0, bit, want, r[4];
        int reg;

        if (*p == ' ') {
            p++;
            continue;
        }
        n++;
        leaf = hex(&p);
        if (*p == '.') {
            p++;
            sub = hex(&p);
        }
        check(*p++ == ':', 0x3e);
        reg = reg_index(p);
        check(reg >= 0 && p[3] == ':', 0x3e);
        p += 4;
        bit = hex(&p);
        check(*p++ == '=' && bit < 32, 0x3e);
        want = hex(&p);
        cpuid(leaf, sub, r);
        check(((r[reg] >> bit) & 1) == want, n);
    }
    check(n > 0, 0x3d);
}
