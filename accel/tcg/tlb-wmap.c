/*
 * Which TLB entries let stores reach a physical page directly: an index
 * from physical page to the (hart, MMU index, virtual page) entries that
 * were given write access to it. Removing write access from a page (it
 * now holds translated code, or an LR reservation) then visits only those
 * entries instead of every entry of every hart.
 *
 * Records are not removed when an entry is refilled or flushed; each is
 * checked against the entry when used, and stale ones are swept out when
 * the index has grown to several times the number of TLB entries.
 */
#include "qemu/osdep.h"
#include "accel/tcg/cputlb.h"

typedef struct WriteMapping {
    CPUArchState *env;
    uint64_t vpage;
    int mmu_idx;
} WriteMapping;

static GHashTable *wmap; /* physical page number -> GArray of WriteMapping */
static guint wmap_records;

static CPUTLBEntry *wmap_entry(const WriteMapping *w)
{
    return &w->env->tlb[w->mmu_idx]
                       [(w->vpage >> TARGET_PAGE_BITS) & (TLB_SIZE - 1)];
}

/* Does the entry still give write access to ppage? */
static bool wmap_live(const WriteMapping *w, uint64_t ppage)
{
    CPUTLBEntry *e = wmap_entry(w);

    /* Other harts' entries, which their threads may be refilling. */
    return __atomic_load_n(&e->addr_write, __ATOMIC_RELAXED) == w->vpage &&
           __atomic_load_n(&e->paddr, __ATOMIC_RELAXED) == ppage;
}

static gboolean wmap_sweep_page(gpointer key, gpointer value, gpointer opaque)
{
    GArray *list = value;
    uint64_t ppage = (uint64_t)GPOINTER_TO_SIZE(key) << TARGET_PAGE_BITS;

    for (guint i = list->len; i-- > 0;) {
        if (!wmap_live(&g_array_index(list, WriteMapping, i), ppage)) {
            g_array_remove_index_fast(list, i);
        }
    }
    wmap_records += list->len;
    return list->len == 0;
}

/* Drop stale records once they outnumber the TLB entries of all harts. */
static void wmap_maybe_sweep(void)
{
    guint limit = 4u * NB_MMU_MODES * TLB_SIZE * MAX(cpu_count(), 1);

    if (wmap_records > limit) {
        wmap_records = 0;
        g_hash_table_foreach_remove(wmap, wmap_sweep_page, NULL);
    }
}

void tlb_wmap_add(CPUArchState *env, int mmu_idx, uint64_t vpage,
                  uint64_t ppage)
{
    gpointer key = GSIZE_TO_POINTER(ppage >> TARGET_PAGE_BITS);
    WriteMapping w = { .env = env, .vpage = vpage, .mmu_idx = mmu_idx };
    GArray *list;

    if (!wmap) {
        wmap = g_hash_table_new_full(g_direct_hash, g_direct_equal, NULL,
                                     (GDestroyNotify)g_array_unref);
    }
    list = g_hash_table_lookup(wmap, key);
    if (!list) {
        list = g_array_new(false, false, sizeof(WriteMapping));
        g_hash_table_insert(wmap, key, list);
    }
    for (guint i = 0; i < list->len; i++) {
        WriteMapping *o = &g_array_index(list, WriteMapping, i);

        if (o->env == env && o->vpage == vpage && o->mmu_idx == mmu_idx) {
            return;
        }
    }
    g_array_append_val(list, w);
    wmap_records++;
    wmap_maybe_sweep();
}

void tlb_remove_write_access(uint64_t paddr)
{
    uint64_t ppage = paddr & TARGET_PAGE_MASK;
    gpointer key = GSIZE_TO_POINTER(ppage >> TARGET_PAGE_BITS);
    GArray *list = wmap ? g_hash_table_lookup(wmap, key) : NULL;

    if (!list) {
        return;
    }
    for (guint i = 0; i < list->len; i++) {
        WriteMapping *w = &g_array_index(list, WriteMapping, i);

        if (wmap_live(w, ppage)) {
            __atomic_store_n(&wmap_entry(w)->addr_write, TLB_INVALID,
                             __ATOMIC_RELAXED);
        }
    }
    wmap_records -= MIN(wmap_records, list->len);
    g_hash_table_remove(wmap, key);
}
