/*
 * The translation-block cache: blocks are found by (physical PC, flags)
 * in a hash table, and by virtual PC in each hart's jump cache. Writes to
 * a page holding code invalidate its blocks; freeing waits until no block
 * is running (tb_reap).
 */
#include "qemu/osdep.h"
#include "qemu/log.h"
#include "exec/cpu-ldst.h"
#include "accel/tcg/tb.h"
#include "accel/tcg/cputlb.h"
#include "accel/tcg/tcg-jit.h"
#include "accel/tcg/tcg-cpu-ops.h"

#define TB_HASH_BITS 16
#define TB_HASH_SIZE (1 << TB_HASH_BITS)
/*
 * The most host memory live blocks may take. A guest that jumps to ever
 * new addresses would otherwise grow the cache without end; past the
 * budget the whole cache is flushed (as QEMU does when its code buffer
 * fills) and refills with what runs next.
 */
#define TB_CACHE_BUDGET (128 * MiB)

static TranslationBlock *tb_hash[TB_HASH_SIZE];
static GHashTable *code_pages; /* physical page -> GPtrArray of blocks */
static GPtrArray *dead_tbs;    /* invalidated, freed by tb_reap() */
static size_t tb_live_bytes;   /* host memory of the blocks in tb_hash */

static size_t tb_alloc_size(uint32_t n)
{
    return sizeof(TranslationBlock) + n * sizeof(DecodedInsn);
}

static unsigned tb_hash_index(uint64_t phys_pc, uint32_t flags)
{
    uint64_t h = (phys_pc >> 1) ^ ((uint64_t)flags << 7);

    h ^= h >> TB_HASH_BITS;
    return h & (TB_HASH_SIZE - 1);
}

static TranslationBlock **jmp_cache(CPUArchState *env)
{
    if (!env->tb_jmp_cache) {
        env->tb_jmp_cache = g_new0(TranslationBlock *, JMP_CACHE_SIZE);
    }
    return env->tb_jmp_cache;
}

void tb_jmp_cache_clear(CPUArchState *env)
{
    if (env->tb_jmp_cache) {
        memset(env->tb_jmp_cache, 0,
               JMP_CACHE_SIZE * sizeof(TranslationBlock *));
    }
}

void tb_jmp_cache_clear_page(CPUArchState *env, uint64_t vaddr)
{
    TranslationBlock **jc = env->tb_jmp_cache;

    if (jc) {
        for (int k = 0; k < 2; k++) {
            unsigned g = tb_jmp_cache_group(vaddr - k * TARGET_PAGE_SIZE);

            memset(&jc[g << JMP_CACHE_SLOT_BITS], 0,
                   JMP_CACHE_SLOTS * sizeof(TranslationBlock *));
        }
    }
}

static void jmp_cache_clear_all(void)
{
    CPU_FOREACH_INDEX(h)
    {
        tb_jmp_cache_clear(cpu_env(cpu_by_index(h)));
    }
}

size_t tb_cache_bytes(void)
{
    return tb_live_bytes;
}

bool tb_page_has_code(uint64_t paddr)
{
    return code_pages &&
           g_hash_table_contains(code_pages,
                                 GUINT_TO_POINTER((paddr >> TARGET_PAGE_BITS)));
}

static void tb_page_add(uint64_t paddr, TranslationBlock *tb)
{
    gpointer key = GUINT_TO_POINTER(paddr >> TARGET_PAGE_BITS);
    GPtrArray *list;

    if (!code_pages) {
        code_pages = g_hash_table_new_full(g_direct_hash, g_direct_equal, NULL,
                                           (GDestroyNotify)g_ptr_array_unref);
    }
    list = g_hash_table_lookup(code_pages, key);
    if (!list) {
        list = g_ptr_array_new();
        g_hash_table_insert(code_pages, key, list);
        tlb_remove_write_access(paddr);
    }
    g_ptr_array_add(list, tb);
}

static void tb_unlink(TranslationBlock *tb)
{
    TranslationBlock **p = &tb_hash[tb_hash_index(tb->phys_pc, tb->flags)];

    for (; *p; p = &(*p)->hash_next) {
        if (*p == tb) {
            *p = tb->hash_next;
            break;
        }
    }
    tb->invalid = true;
    tb_live_bytes -= tb_alloc_size(tb->n);
    jit_unlink(tb);
    if (!dead_tbs) {
        dead_tbs = g_ptr_array_new();
    }
    g_ptr_array_add(dead_tbs, tb);
}

void tb_invalidate_phys_page(uint64_t paddr)
{
    gpointer key = GUINT_TO_POINTER(paddr >> TARGET_PAGE_BITS);
    GPtrArray *list = code_pages ? g_hash_table_lookup(code_pages, key) : NULL;

    if (!list) {
        return;
    }
    for (guint i = 0; i < list->len; i++) {
        TranslationBlock *tb = list->pdata[i];

        if (!tb->invalid) {
            tb_unlink(tb);
        }
    }
    g_hash_table_remove(code_pages, key);
    jmp_cache_clear_all();
}

void tb_flush(CPUArchState *env)
{
    /* Stop once empty: a reset of a machine that ran nothing is cheap. */
    for (int i = 0; tb_live_bytes && i < TB_HASH_SIZE; i++) {
        while (tb_hash[i]) {
            tb_unlink(tb_hash[i]);
        }
    }
    if (code_pages) {
        g_hash_table_remove_all(code_pages);
    }
    jmp_cache_clear_all();
    jit_flush();
}

void tb_reap(void)
{
    if (!dead_tbs || !dead_tbs->len) {
        return;
    }
    /* A block is listed in up to two pages; free each once. */
    for (guint i = 0; i < dead_tbs->len; i++) {
        TranslationBlock *tb = dead_tbs->pdata[i];

        if (code_pages) {
            for (int k = 0; k < 2; k++) {
                uint64_t pa = k ? tb->phys_pc2 : tb->phys_pc;
                GPtrArray *l;

                if (pa == UINT64_MAX) {
                    continue;
                }
                l = g_hash_table_lookup(
                    code_pages, GUINT_TO_POINTER(pa >> TARGET_PAGE_BITS));
                if (l) {
                    g_ptr_array_remove(l, tb);
                }
            }
        }
        if (tb->jmp_in) {
            g_ptr_array_unref(tb->jmp_in);
        }
        g_free(tb);
    }
    g_ptr_array_set_size(dead_tbs, 0);
}

static void log_block(TranslationBlock *tb)
{
    char buf[128];

    qemu_log("IN: \n");
    for (uint32_t i = 0; i < tb->n; i++) {
        tcg_cpu_ops->disas(tb->insns[i].pc, tb->insns[i].raw, buf, sizeof(buf));
        /* A compressed instruction shows as its 4 hex digits. */
        if (tb->insns[i].len == 2) {
            qemu_log("0x%016" PRIx64 ":  %04x              %s\n",
                     tb->insns[i].pc, tb->insns[i].raw & 0xffff, buf);
        } else {
            qemu_log("0x%016" PRIx64 ":  %08x          %s\n", tb->insns[i].pc,
                     tb->insns[i].raw, buf);
        }
    }
    qemu_log("\n");
}

/* Translate the block at env->pc; raises fetch faults. */
static TranslationBlock *tb_gen_code(CPUArchState *env, uint64_t phys_pc,
                                     uint32_t flags)
{
    /* One vCPU thread translates, and nothing here re-enters. */
    static DecodedInsn scratch[TB_MAX_INSNS];
    TranslationBlock hdr = {
        .pc = env->pc,
        .phys_pc = phys_pc,
        .phys_pc2 = UINT64_MAX,
        .flags = flags,
    };
    TranslationBlock *tb;

    tcg_cpu_ops->decode_block(env, &hdr, scratch);
    if (tb_live_bytes + tb_alloc_size(hdr.n) > TB_CACHE_BUDGET) {
        tb_flush(env);
    }
    tb = g_malloc(tb_alloc_size(hdr.n));
    tb_live_bytes += tb_alloc_size(hdr.n);
    *tb = hdr;
    memcpy(tb->insns, scratch, hdr.n * sizeof(DecodedInsn));
    tb_page_add(phys_pc, tb);
    if (tb->phys_pc2 != UINT64_MAX &&
        (tb->phys_pc2 >> TARGET_PAGE_BITS) != (phys_pc >> TARGET_PAGE_BITS)) {
        tb_page_add(tb->phys_pc2, tb);
    }
    if (qemu_loglevel_mask(CPU_LOG_TB_IN_ASM)) {
        log_block(tb);
    }
    return tb;
}

TranslationBlock *tb_find(CPUArchState *env)
{
    uint32_t flags = cpu_get_tb_flags(env);
    TranslationBlock **jc = jmp_cache(env);
    unsigned j = tb_jmp_cache_index(env->pc);
    TranslationBlock *tb = jc[j];
    uint64_t phys_pc, avail;
    unsigned h;

    if (tb && tb->pc == env->pc && tb->flags == flags) {
        return tb;
    }
    tlb_fetch(env, env->pc, &phys_pc, &avail);
    h = tb_hash_index(phys_pc, flags);
    for (tb = tb_hash[h]; tb; tb = tb->hash_next) {
        if (tb->phys_pc == phys_pc && tb->flags == flags && tb->pc == env->pc) {
            break;
        }
    }
    if (!tb) {
        tb = tb_gen_code(env, phys_pc, flags);
        tb->hash_next = tb_hash[h];
        tb_hash[h] = tb;
    }
    jc[j] = tb;
    return tb;
}
