/*
 * The translation-block cache: blocks are found by (physical PC, flags)
 * in a hash table, and by virtual PC in each hart's jump cache. Writes to
 * a page holding code invalidate its blocks.
 *
 * Threads (-accel tcg,thread=multi runs one per hart): tb_lock guards the
 * hash table, the code-page index, chaining and the code buffer; a hart
 * finds blocks in its own jump cache without it. An invalidated block is
 * freed only once every vCPU thread has been between blocks since (an
 * epoch scheme: each thread publishes the generation it saw last, see
 * tb_exec_online), so a thread may finish a block another thread dropped.
 * A flush unlinks every block at once; the code buffer is reused only
 * when all of them are freed, and nothing is translated meanwhile.
 */
#include "qemu/osdep.h"
#include "qemu/log.h"
#include <pthread.h>
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

/* A POSIX mutex, which ThreadSanitizer understands (GMutex is futexes). */
static pthread_mutex_t tb_mutex = PTHREAD_MUTEX_INITIALIZER;
static TranslationBlock *tb_hash[TB_HASH_SIZE];
static GHashTable *code_pages;  /* physical page -> GPtrArray of blocks */
static GPtrArray *dead_tbs;     /* invalidated, freed by tb_reap() */
static guint n_dead;            /* atomic: dead_tbs->len, read unlocked */
static size_t tb_live_bytes;    /* host memory of the blocks in tb_hash */
static uint64_t tb_gen;         /* atomic: bumped after each unlinking */
static uint64_t tb_inval_count; /* pages invalidated (translation retries) */
static bool flush_pending;      /* code buffer reused once dead_tbs empty */
/* Per vCPU thread: the tb_gen it saw between blocks plus 1, 0 when idle. */
#define TB_MAX_SLOTS 1024
static uint64_t slot_gen[TB_MAX_SLOTS];
static int n_slots; /* atomic: slots in use are below */

void tb_lock(void)
{
    pthread_mutex_lock(&tb_mutex);
}

void tb_unlock(void)
{
    pthread_mutex_unlock(&tb_mutex);
}

void tb_exec_slot_add(int slot)
{
    g_assert(slot >= 0 && slot < TB_MAX_SLOTS);
    if (slot >= __atomic_load_n(&n_slots, __ATOMIC_SEQ_CST)) {
        __atomic_store_n(&n_slots, slot + 1, __ATOMIC_SEQ_CST);
    }
}

bool tb_exec_online(int slot, uint64_t *last)
{
    uint64_t g = __atomic_load_n(&tb_gen, __ATOMIC_SEQ_CST);

    /* A full fence: published before this thread reads a jump cache. */
    __atomic_store_n(&slot_gen[slot], g + 1, __ATOMIC_SEQ_CST);
    if (g != *last) {
        *last = g;
        return true;
    }
    return false;
}

void tb_exec_offline(int slot)
{
    __atomic_store_n(&slot_gen[slot], 0, __ATOMIC_SEQ_CST);
}

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
        /* Published for other threads' tb_jmp_cache_clear. */
        __atomic_store_n(&env->tb_jmp_cache,
                         g_new0(TranslationBlock *, JMP_CACHE_SIZE),
                         __ATOMIC_RELEASE);
    }
    return env->tb_jmp_cache;
}

/* Entry by entry: another thread may be reading this cache meanwhile. */
void tb_jmp_cache_clear(CPUArchState *env)
{
    TranslationBlock **jc =
        __atomic_load_n(&env->tb_jmp_cache, __ATOMIC_ACQUIRE);

    for (int i = 0; jc && i < JMP_CACHE_SIZE; i++) {
        if (__atomic_load_n(&jc[i], __ATOMIC_RELAXED)) {
            __atomic_store_n(&jc[i], NULL, __ATOMIC_RELAXED);
        }
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

static bool page_has_code(uint64_t paddr)
{
    return code_pages &&
           g_hash_table_contains(code_pages,
                                 GUINT_TO_POINTER((paddr >> TARGET_PAGE_BITS)));
}

bool tb_page_has_code_locked(uint64_t paddr)
{
    return page_has_code(paddr);
}

bool tb_page_has_code(uint64_t paddr)
{
    bool r;

    tb_lock();
    r = page_has_code(paddr);
    tb_unlock();
    return r;
}

/*
 * Make paddr's page a code page: stores to it from now on take the slow
 * path (and invalidate). Done before its code is read, so a store racing
 * with a translation either comes before the read or invalidates after.
 */
static GPtrArray *code_page_protect(uint64_t paddr)
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
    return list;
}

static void tb_page_add(uint64_t paddr, TranslationBlock *tb)
{
    g_ptr_array_add(code_page_protect(paddr), tb);
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
    __atomic_store_n(&tb->invalid, true, __ATOMIC_RELAXED);
    tb->dead_gen = __atomic_load_n(&tb_gen, __ATOMIC_RELAXED) + 1;
    tb_live_bytes -= tb_alloc_size(tb->n);
    jit_unlink(tb);
    if (!dead_tbs) {
        dead_tbs = g_ptr_array_new();
    }
    g_ptr_array_add(dead_tbs, tb);
    __atomic_store_n(&n_dead, dead_tbs->len, __ATOMIC_RELAXED);
}

/* After unlinking: no jump cache holds them, then a new generation. */
static void tb_unlinked_done(void)
{
    jmp_cache_clear_all();
    tb_inval_count++;
    __atomic_fetch_add(&tb_gen, 1, __ATOMIC_SEQ_CST);
}

void tb_invalidate_phys_page(uint64_t paddr)
{
    gpointer key = GUINT_TO_POINTER(paddr >> TARGET_PAGE_BITS);
    GPtrArray *list;

    tb_lock();
    list = code_pages ? g_hash_table_lookup(code_pages, key) : NULL;
    if (list) {
        for (guint i = 0; i < list->len; i++) {
            TranslationBlock *tb = list->pdata[i];

            if (!tb->invalid) {
                tb_unlink(tb);
            }
        }
        g_hash_table_remove(code_pages, key);
        tb_unlinked_done();
    }
    tb_unlock();
}

void tb_flush_locked(void)
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
    tb_unlinked_done();
    __atomic_store_n(&flush_pending, true, __ATOMIC_RELAXED);
}

void tb_flush(CPUArchState *env)
{
    tb_lock();
    tb_flush_locked();
    tb_unlock();
    tb_reap();
}

bool tb_flush_is_pending(void)
{
    return flush_pending;
}

/* The oldest generation a vCPU thread may still hold a block of. */
static uint64_t oldest_slot_gen(void)
{
    uint64_t min = UINT64_MAX;
    int n = __atomic_load_n(&n_slots, __ATOMIC_SEQ_CST);

    __atomic_thread_fence(__ATOMIC_SEQ_CST);
    for (int i = 0; i < n; i++) {
        uint64_t g = __atomic_load_n(&slot_gen[i], __ATOMIC_SEQ_CST);

        if (g) {
            min = MIN(min, g - 1);
        }
    }
    return min;
}

static void tb_free(TranslationBlock *tb)
{
    /* A block is listed in up to two pages; free each once. */
    if (code_pages) {
        for (int k = 0; k < 2; k++) {
            uint64_t pa = k ? tb->phys_pc2 : tb->phys_pc;
            GPtrArray *l;

            if (pa == UINT64_MAX) {
                continue;
            }
            l = g_hash_table_lookup(code_pages,
                                    GUINT_TO_POINTER(pa >> TARGET_PAGE_BITS));
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

void tb_reap(void)
{
    uint64_t oldest;

    if (!__atomic_load_n(&n_dead, __ATOMIC_RELAXED) &&
        !__atomic_load_n(&flush_pending, __ATOMIC_RELAXED)) {
        return;
    }
    tb_lock();
    oldest = oldest_slot_gen();
    for (guint i = 0; dead_tbs && i < dead_tbs->len;) {
        TranslationBlock *tb = dead_tbs->pdata[i];

        /* Unlinked in generation dead_gen: all threads passed it? */
        if (tb->dead_gen <= oldest) {
            tb_free(tb);
            g_ptr_array_remove_index_fast(dead_tbs, i);
        } else {
            i++;
        }
    }
    if (dead_tbs) {
        __atomic_store_n(&n_dead, dead_tbs->len, __ATOMIC_RELAXED);
    }
    if (flush_pending && (!dead_tbs || !dead_tbs->len)) {
        /* No block with host code is left: the buffer is free again. */
        jit_flush();
        __atomic_store_n(&flush_pending, false, __ATOMIC_RELAXED);
    }
    tb_unlock();
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

/*
 * Decode the block at env->pc (raises fetch faults, holding no lock) and
 * enter it, or NULL when a page was invalidated meanwhile (the caller
 * tries again: what was read may be stale).
 */
static TranslationBlock *tb_gen_code(CPUArchState *env, uint64_t phys_pc,
                                     uint32_t flags)
{
    /* Decoded per thread; a fault unwinds out of tb_decode. */
    static __thread DecodedInsn scratch[TB_MAX_INSNS];
    TranslationBlock hdr = {
        .pc = env->pc,
        .phys_pc = phys_pc,
        .phys_pc2 = UINT64_MAX,
        .flags = flags,
    };
    TranslationBlock *tb;
    uint64_t seen;

    tb_lock();
    code_page_protect(phys_pc);
    seen = tb_inval_count;
    tb_unlock();
    tcg_cpu_ops->decode_block(env, &hdr, scratch);
    tb_lock();
    if (hdr.phys_pc2 != UINT64_MAX) {
        code_page_protect(hdr.phys_pc2);
    }
    if (seen != tb_inval_count) {
        tb_unlock();
        return NULL;
    }
    if (tb_live_bytes + tb_alloc_size(hdr.n) > TB_CACHE_BUDGET) {
        tb_flush_locked();
        code_page_protect(phys_pc);
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

static TranslationBlock *tb_hash_find(uint64_t phys_pc, uint32_t flags,
                                      uint64_t pc)
{
    TranslationBlock *tb = tb_hash[tb_hash_index(phys_pc, flags)];

    for (; tb; tb = tb->hash_next) {
        if (tb->phys_pc == phys_pc && tb->flags == flags && tb->pc == pc) {
            break;
        }
    }
    return tb;
}

TranslationBlock *tb_find(CPUArchState *env)
{
    uint32_t flags = cpu_get_tb_flags(env);
    TranslationBlock **jc = jmp_cache(env);
    unsigned j = tb_jmp_cache_index(env->pc);
    TranslationBlock *tb = __atomic_load_n(&jc[j], __ATOMIC_RELAXED);
    uint64_t phys_pc, avail;

    if (tb && tb->pc == env->pc && tb->flags == flags) {
        return tb;
    }
    tlb_fetch(env, env->pc, &phys_pc, &avail);
    for (;;) {
        tb_lock();
        tb = tb_hash_find(phys_pc, flags, env->pc);
        if (tb) {
            break;
        }
        tb_unlock();
        tb = tb_gen_code(env, phys_pc, flags); /* returns locked if found */
        if (tb) {
            if (tb_hash_find(phys_pc, flags, env->pc)) {
                /* Another thread entered the same block meanwhile. */
                tb_unlink(tb);
                tb = tb_hash_find(phys_pc, flags, env->pc);
            } else {
                unsigned h = tb_hash_index(phys_pc, flags);

                tb->hash_next = tb_hash[h];
                tb_hash[h] = tb;
            }
            break;
        }
    }
    /* Under the lock: an invalidation clears it after this, never before. */
    __atomic_store_n(&jc[j], tb, __ATOMIC_RELAXED);
    tb_unlock();
    return tb;
}
