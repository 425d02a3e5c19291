/*
 * What the loader hands a multiboot kernel (spec 3.2, 3.3): the magic,
 * the memory sizes and map, the command line "FILE ARGS", and the two
 * modules of -initrd "module-a.txt arg-a,module-b.txt arg-b",
 * page-aligned after the kernel, with their strings.
 */
#include "mb-lib.h"

extern uint8_t _end[];

static bool ends_with(const char *s, const char *tail)
{
    size_t a = strlen(s), b = strlen(tail);

    if (a < b) {
        return false;
    }
    for (size_t i = 0; i < b; i++) {
        if (s[a - b + i] != tail[i]) {
            return false;
        }
    }
    return true;
}

static bool starts_with(const void *p, const char *head)
{
    const char *s = p;

    for (size_t i = 0; head[i]; i++) {
        if (s[i] != head[i]) {
            return false;
        }
    }
    return true;
}

struct mmap_entry {
    uint32_t size;
    uint64_t base, len;
    uint32_t type;
} __attribute__((packed));

void guest_main(uint32_t magic, struct mb_info *info)
{
    const struct mb_module *mod;
    uint32_t need = 1u << 0 | 1u << 2 | 1u << 3 | 1u << 6;
    uint32_t at;
    bool ram_1m = false;

    check(magic == 0x2badb002, 1);
    check((info->flags & need) == need, 2);
    check(info->mem_lower >= 512 && info->mem_lower <= 640, 3);
    check(info->mem_upper >= 64 * 1024, 4); /* -m 128: about 127 MiB */
    check(ends_with((const char *)(uintptr_t)info->cmdline, " hello world"), 5);
    check(info->mods_count == 2, 6);
    mod = (const struct mb_module *)(uintptr_t)info->mods_addr;
    check(starts_with((void *)(uintptr_t)mod[0].start, "MODULE-A"), 7);
    check(ends_with((const char *)(uintptr_t)mod[0].string, " arg-a"), 8);
    check(starts_with((void *)(uintptr_t)mod[1].start, "MODULE-B"), 9);
    check(ends_with((const char *)(uintptr_t)mod[1].string, " arg-b"), 10);
    check(mod[0].start % 4096 == 0 && mod[1].start % 4096 == 0, 11);
    check(mod[0].start >= (uint32_t)(uintptr_t)_end, 12);
    check(mod[0].end - mod[0].start == 16 && mod[1].start >= mod[0].end, 13);
    for (at = info->mmap_addr; at < info->mmap_addr + info->mmap_length;) {
        const struct mmap_entry *e = (const void *)(uintptr_t)at;

        if (e->type == 1 && e->base <= 0x100000 &&
            e->base + e->len >= 0x200000) {
            ram_1m = true;
        }
        at += e->size + 4;
    }
    check(ram_1m, 14);
}
