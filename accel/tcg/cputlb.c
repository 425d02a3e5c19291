/*
 * The per-hart software TLB and the slow paths of guest memory access:
 * translation, PMP, RAM/ROM/MMIO dispatch, faults, LR/SC reservations.
 */
#include "qemu/osdep.h"
#include "exec/cpu-ldst.h"
#include "exec/memory.h"
#include "qemu/main-loop.h"
#include "accel/tcg/tb.h"
#include "accel/tcg/cputlb.h"
#include "accel/tcg/tcg-cpu-ops.h"

G_STATIC_ASSERT(G_BYTE_ORDER == G_LITTLE_ENDIAN); /* the fast path's memcpy */

static void tlb_entry_invalidate(CPUTLBEntry *e)
{
    e->addr_read = e->addr_code = TLB_INVALID;
    /* Other threads clear it too (tlb_remove_write_access). */
    __atomic_store_n(&e->addr_write, TLB_INVALID, __ATOMIC_RELAXED);
}

void tlb_flush_mask(CPUArchState *env, unsigned mask)
{
    for (int m = 0; m < NB_MMU_MODES; m++) {
        if (!(mask & (1u << m))) {
            continue;
        }
        for (int i = 0; i < TLB_SIZE; i++) {
            tlb_entry_invalidate(&env->tlb[m][i]);
        }
    }
    tb_jmp_cache_clear(env);
}

void tlb_flush(CPUArchState *env)
{
    tlb_flush_mask(env, ~0u);
}

void tlb_flush_page(CPUArchState *env, uint64_t vaddr)
{
    tlb_flush_page_mask(env, vaddr, ~0u);
}

void tlb_flush_page_mask(CPUArchState *env, uint64_t vaddr, unsigned mask)
{
    uint64_t page = vaddr & TARGET_PAGE_MASK;
    int idx = (vaddr >> TARGET_PAGE_BITS) & (TLB_SIZE - 1);

    for (int m = 0; m < NB_MMU_MODES; m++) {
        CPUTLBEntry *e = &env->tlb[m][idx];

        if (!(mask & (1u << m))) {
            continue;
        }

        if (e->addr_read == page || e->addr_write == page ||
            e->addr_code == page) {
            tlb_entry_invalidate(e);
        }
    }
    tb_jmp_cache_clear_page(env, page);
}

/* Does any hart hold an LR reservation in physical page paddr? */
static bool page_has_reservation(uint64_t paddr)
{
    CPU_FOREACH_INDEX(h)
    {
        uint64_t res = __atomic_load_n(&cpu_env(cpu_by_index(h))->load_res,
                                       __ATOMIC_RELAXED);

        if (res != UINT64_MAX &&
            (res & TARGET_PAGE_MASK) == (paddr & TARGET_PAGE_MASK)) {
            return true;
        }
    }
    return false;
}

/*
 * A device, qtest or a loader wrote guest RAM: like a store from a hart,
 * it breaks reservations and drops translated code in the range.
 */
static void cpu_ram_written(hwaddr addr, hwaddr len)
{
    hwaddr page = addr & TARGET_PAGE_MASK;

    cpu_break_reservations(addr, len);
    for (; page < addr + len && page >= (addr & TARGET_PAGE_MASK);
         page += TARGET_PAGE_SIZE) {
        tb_invalidate_phys_page(page);
    }
}

static void __attribute__((constructor)) cputlb_init(void)
{
    memory_set_ram_write_notifier(cpu_ram_written);
}

void cpu_reservation_watch(uint64_t paddr)
{
    tb_lock();
    tlb_remove_write_access(paddr);
    tb_unlock();
}

/*
 * Let this TLB entry store to its page straight away unless the page
 * holds code or a reservation; under tb_lock, so that a page becoming a
 * code page (which removes write access from every entry it finds in the
 * index) cannot slip between the check and the grant.
 */
static void tlb_grant_write(CPUArchState *env, CPUTLBEntry *e, int mmu_idx,
                            uint64_t page, uint64_t paddr)
{
    tb_lock();
    if (!tb_page_has_code_locked(paddr) && !page_has_reservation(paddr)) {
        __atomic_store_n(&e->addr_write, page, __ATOMIC_RELAXED);
        tlb_wmap_add(env, mmu_idx, page, e->paddr);
    }
    tb_unlock();
}

/* Device accesses run under the big lock (vCPU threads of thread=multi
 * run guest code without it). */
static MemTxResult mmio_load(uint64_t paddr, unsigned size, uint64_t *val)
{
    bool locked = qemu_mutex_lock_iothread_if_unlocked();
    MemTxResult r = address_space_load(&address_space_memory, paddr, size, val);

    qemu_mutex_unlock_iothread_if(locked);
    return r;
}

static MemTxResult mmio_store(uint64_t paddr, unsigned size, uint64_t val)
{
    bool locked = qemu_mutex_lock_iothread_if_unlocked();
    MemTxResult r =
        address_space_store(&address_space_memory, paddr, size, val);

    qemu_mutex_unlock_iothread_if(locked);
    return r;
}

static G_NORETURN void raise_mem_fault(CPUArchState *env, MemFaultKind kind,
                                       MMUAccessType type, uint64_t vaddr,
                                       int mmu_idx)
{
    tcg_cpu_ops->raise_mem_fault(env, kind, type, vaddr, mmu_idx);
}

/*
 * Translate vaddr for an access of size bytes (the target checks every
 * permission and raises the fault if any). Fills the TLB when the answer
 * holds for the whole page. Returns the section the address falls in.
 */
MemoryRegionSection tlb_translate(CPUArchState *env, uint64_t vaddr,
                                  unsigned size, MMUAccessType type,
                                  int mmu_idx, uint64_t *paddr_out)
{
    uint64_t paddr;
    int prot;
    MemoryRegionSection sec;
    CPUTLBEntry *e;
    uintptr_t addend;
    uint64_t page = vaddr & TARGET_PAGE_MASK;

    paddr = tcg_cpu_ops->tlb_fill(env, vaddr, size, type, mmu_idx, &prot);
    *paddr_out = paddr;
    sec = address_space_lookup(&address_space_memory, paddr);
    if (!sec.mr || !memory_region_is_ram(sec.mr) || !prot) {
        return sec; /* MMIO, a hole, or nothing cacheable */
    }
    /* Cache only what holds for the whole page. */
    if (sec.len < TARGET_PAGE_SIZE - (paddr & ~TARGET_PAGE_MASK) ||
        (sec.offset_within_region & ~TARGET_PAGE_MASK) !=
            (paddr & ~TARGET_PAGE_MASK)) {
        return sec;
    }
    e = &env->tlb[mmu_idx][(vaddr >> TARGET_PAGE_BITS) & (TLB_SIZE - 1)];
    addend = (uintptr_t)((uint8_t *)memory_region_get_ram_ptr(sec.mr) +
                         sec.offset_within_region) -
             paddr + (paddr & TARGET_PAGE_MASK) - page;
    /* The entry's tags belong to one mapping: start afresh for another. */
    if (e->paddr != (paddr & TARGET_PAGE_MASK) || e->addend != addend) {
        tlb_entry_invalidate(e);
    }
    /* Read by other threads' tlb_remove_write_access. */
    __atomic_store_n(&e->paddr, paddr & TARGET_PAGE_MASK, __ATOMIC_RELAXED);
    e->addend = addend;
    if (prot & PAGE_READ) {
        e->addr_read = page;
    }
    if ((prot & PAGE_EXEC)) {
        e->addr_code = page;
    }
    /* A-D: a store caches write permission only once D is set (the walk
     * sets it for stores), never for ROM or pages holding code. */
    if ((prot & PAGE_WRITE) && type == MMU_DATA_STORE &&
        sec.mr->kind == MR_RAM) {
        tlb_grant_write(env, e, mmu_idx, page, paddr);
    }
    return sec;
}

static bool crosses_page(uint64_t addr, unsigned size)
{
    return (addr & ~TARGET_PAGE_MASK) + size > TARGET_PAGE_SIZE;
}

uint64_t cpu_ld_slow(CPUArchState *env, uint64_t addr, unsigned size,
                     int mmu_idx)
{
    uint64_t paddr, val = 0;
    MemoryRegionSection sec;

    if (unlikely(env->mem_triggers_armed)) {
        tcg_cpu_ops->check_watchpoint(env, addr, size, MMU_DATA_LOAD);
    }
    if (crosses_page(addr, size)) {
        env->split_base = addr;
        for (unsigned i = 0; i < size; i++) {
            val |= cpu_ld_slow(env, addr + i, 1, mmu_idx) << (8 * i);
        }
        env->split_base = UINT64_MAX;
        return val;
    }
    sec = tlb_translate(env, addr, size, MMU_DATA_LOAD, mmu_idx, &paddr);
    if (sec.mr && memory_region_is_ram(sec.mr)) {
        memcpy(&val,
               (uint8_t *)memory_region_get_ram_ptr(sec.mr) +
                   sec.offset_within_region,
               size);
        return val;
    }
    if (mmio_load(paddr, size, &val) != MEMTX_OK) {
        raise_mem_fault(env, MEM_FAULT_ACCESS, MMU_DATA_LOAD, addr, mmu_idx);
    }
    return val;
}

void cpu_st_slow(CPUArchState *env, uint64_t addr, uint64_t val, unsigned size,
                 int mmu_idx)
{
    uint64_t paddr;
    MemoryRegionSection sec;

    if (unlikely(env->mem_triggers_armed)) {
        tcg_cpu_ops->check_watchpoint(env, addr, size, MMU_DATA_STORE);
    }
    if (crosses_page(addr, size)) {
        /* Translate both pages first so a fault leaves memory alone. */
        uint64_t p;
        uint64_t second = (addr + size - 1) & TARGET_PAGE_MASK;

        env->split_base = addr;
        tlb_translate(env, addr, 1, MMU_DATA_STORE, mmu_idx, &p);
        tlb_translate(env, second, 1, MMU_DATA_STORE, mmu_idx, &p);
        for (unsigned i = 0; i < size; i++) {
            cpu_st_slow(env, addr + i, (val >> (8 * i)) & 0xff, 1, mmu_idx);
        }
        env->split_base = UINT64_MAX;
        return;
    }
    sec = tlb_translate(env, addr, size, MMU_DATA_STORE, mmu_idx, &paddr);
    cpu_break_reservations(paddr, size);
    if (sec.mr && sec.mr->kind == MR_RAM) {
        tb_invalidate_phys_page(paddr);
        memcpy((uint8_t *)memory_region_get_ram_ptr(sec.mr) +
                   sec.offset_within_region,
               &val, size);
        return;
    }
    if (mmio_store(paddr, size, val) != MEMTX_OK) {
        raise_mem_fault(env, MEM_FAULT_ACCESS, MMU_DATA_STORE, addr, mmu_idx);
    }
}

void *cpu_atomic_host_addr(CPUArchState *env, uint64_t addr, unsigned size,
                           uint64_t *paddr)
{
    MemoryRegionSection sec;
    int mmu_idx = cpu_data_mmu_index(env);
    CPUTLBEntry *e;

    if (unlikely(env->mem_triggers_armed)) {
        /* LR, SC and AMOs: a trigger on loads or on stores matches. */
        tcg_cpu_ops->check_watchpoint(env, addr, size, MMU_DATA_LOAD);
        tcg_cpu_ops->check_watchpoint(env, addr, size, MMU_DATA_STORE);
    }
    if (addr & (size - 1)) {
        raise_mem_fault(env, MEM_FAULT_MISALIGNED, MMU_DATA_STORE, addr,
                        mmu_idx);
    }
    /* A store-enabled TLB entry: RAM without code (tlb_grant_write). */
    e = &env->tlb[mmu_idx][(addr >> TARGET_PAGE_BITS) & (TLB_SIZE - 1)];
    if (__atomic_load_n(&e->addr_write, __ATOMIC_RELAXED) ==
        (addr & TARGET_PAGE_MASK)) {
        *paddr = e->paddr | (addr & ~TARGET_PAGE_MASK);
        return (void *)(e->addend + addr);
    }
    sec = tlb_translate(env, addr, size, MMU_DATA_STORE, mmu_idx, paddr);
    if (!sec.mr || sec.mr->kind != MR_RAM) {
        /* Atomics to MMIO or ROM are not supported: an access fault. */
        raise_mem_fault(env, MEM_FAULT_ACCESS, MMU_DATA_STORE, addr, mmu_idx);
    }
    tb_invalidate_phys_page(*paddr);
    return (uint8_t *)memory_region_get_ram_ptr(sec.mr) +
           sec.offset_within_region;
}

void cpu_break_reservations(uint64_t paddr, unsigned size)
{
    CPU_FOREACH_INDEX(h)
    {
        CPUArchState *env = cpu_env(cpu_by_index(h));

        uint64_t res = __atomic_load_n(&env->load_res, __ATOMIC_RELAXED);

        /* Another thread's hart: clear it only if it still holds res. */
        if (res != UINT64_MAX && res < paddr + size && paddr < res + 8) {
            __atomic_compare_exchange_n(&env->load_res, &res, UINT64_MAX, false,
                                        __ATOMIC_SEQ_CST, __ATOMIC_RELAXED);
        }
    }
}

/*
 * Instruction fetch: the host pointer of pc (RAM or ROM), with *avail the
 * bytes readable from there within the page and the region. Raises the
 * translation fault, or an access fault for MMIO and holes.
 */
const uint8_t *tlb_fetch(CPUArchState *env, uint64_t pc, uint64_t *paddr,
                         uint64_t *avail)
{
    int mmu_idx = cpu_mmu_index(env, true);
    CPUTLBEntry *e =
        &env->tlb[mmu_idx][(pc >> TARGET_PAGE_BITS) & (TLB_SIZE - 1)];
    uint64_t to_page_end = TARGET_PAGE_SIZE - (pc & ~TARGET_PAGE_MASK);
    MemoryRegionSection sec;

    if (e->addr_code == (pc & TARGET_PAGE_MASK)) {
        *paddr = e->paddr | (pc & ~TARGET_PAGE_MASK);
        *avail = to_page_end;
        return (const uint8_t *)(e->addend + pc);
    }
    sec = tlb_translate(env, pc, 2, MMU_INST_FETCH, mmu_idx, paddr);
    if (!sec.mr || !memory_region_is_ram(sec.mr)) {
        raise_mem_fault(env, MEM_FAULT_ACCESS, MMU_INST_FETCH, pc, mmu_idx);
    }
    *avail = MIN(to_page_end, sec.len);
    return (const uint8_t *)memory_region_get_ram_ptr(sec.mr) +
           sec.offset_within_region;
}
