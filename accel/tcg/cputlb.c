/*
 * The per-hart software TLB and the slow paths of guest memory access:
 * translation, PMP, RAM/ROM/MMIO dispatch, faults, LR/SC reservations.
 */
#include "qemu/osdep.h"
#include "exec/cpu-ldst.h"
#include "exec/memory.h"
#include "accel/tcg/tb.h"
#include "accel/tcg/cputlb.h"

G_STATIC_ASSERT(G_BYTE_ORDER == G_LITTLE_ENDIAN); /* the fast path's memcpy */

static void tlb_entry_invalidate(CPUTLBEntry *e)
{
    e->addr_read = e->addr_write = e->addr_code = TLB_INVALID;
}

void tlb_flush(CPURISCVState *env)
{
    for (int m = 0; m < NB_MMU_MODES; m++) {
        for (int i = 0; i < TLB_SIZE; i++) {
            tlb_entry_invalidate(&env->tlb[m][i]);
        }
    }
    tb_jmp_cache_clear(env);
}

void tlb_flush_page(CPURISCVState *env, uint64_t vaddr)
{
    uint64_t page = vaddr & TARGET_PAGE_MASK;
    int idx = (vaddr >> TARGET_PAGE_BITS) & (TLB_SIZE - 1);

    for (int m = 0; m < NB_MMU_MODES; m++) {
        CPUTLBEntry *e = &env->tlb[m][idx];

        if (e->addr_read == page || e->addr_write == page ||
            e->addr_code == page) {
            tlb_entry_invalidate(e);
        }
    }
    tb_jmp_cache_clear(env);
}

/* Does any hart hold an LR reservation in physical page paddr? */
static bool page_has_reservation(uint64_t paddr)
{
    for (int h = 0; h < riscv_cpu_count(); h++) {
        uint64_t res = riscv_cpu_by_index(h)->env.load_res;

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
        if (tb_page_has_code(page)) {
            tb_invalidate_phys_page(page);
        }
    }
}

static void __attribute__((constructor)) cputlb_init(void)
{
    memory_set_ram_write_notifier(cpu_ram_written);
}

void cpu_reservation_watch(uint64_t paddr)
{
    tlb_remove_write_access(paddr);
}

static uint64_t mmu_idx_priv(int mmu_idx)
{
    switch (mmu_idx) {
    case MMU_IDX_U:
        return PRV_U;
    case MMU_IDX_M:
        return PRV_M;
    default:
        return PRV_S;
    }
}

/*
 * Translate vaddr for an access of size bytes, checking PMP; raise the
 * fault if any. Fills the TLB when the answer holds for the whole page.
 * Returns the section the physical address falls in.
 */
MemoryRegionSection tlb_translate(CPURISCVState *env, uint64_t vaddr,
                                  unsigned size, MMUAccessType type,
                                  int mmu_idx, uint64_t *paddr_out)
{
    uint64_t paddr;
    int prot, pmp_prot;
    RISCVException ex;
    MemoryRegionSection sec;
    CPUTLBEntry *e;
    uintptr_t addend;
    uint64_t page = vaddr & TARGET_PAGE_MASK;

    ex = riscv_get_physical_address(env, vaddr, type, mmu_idx, &paddr, &prot);
    if (ex != RISCV_EXCP_NONE) {
        riscv_raise_exception(env, ex, vaddr);
    }
    if (!riscv_pmp_check(env, paddr, size, type, mmu_idx_priv(mmu_idx),
                         &pmp_prot)) {
        riscv_raise_exception(env, riscv_access_fault(type), vaddr);
    }
    *paddr_out = paddr;
    sec = address_space_lookup(&address_space_memory, paddr);
    if (!sec.mr || !memory_region_is_ram(sec.mr)) {
        return sec; /* MMIO or a hole: never cached */
    }
    /* Cache only what holds for the whole page. */
    if (sec.len < TARGET_PAGE_SIZE - (paddr & ~TARGET_PAGE_MASK) ||
        (sec.offset_within_region & ~TARGET_PAGE_MASK) !=
            (paddr & ~TARGET_PAGE_MASK)) {
        return sec;
    }
    prot &= pmp_prot;
    e = &env->tlb[mmu_idx][(vaddr >> TARGET_PAGE_BITS) & (TLB_SIZE - 1)];
    addend = (uintptr_t)((uint8_t *)memory_region_get_ram_ptr(sec.mr) +
                         sec.offset_within_region) -
             paddr + (paddr & TARGET_PAGE_MASK) - page;
    /* The entry's tags belong to one mapping: start afresh for another. */
    if (e->paddr != (paddr & TARGET_PAGE_MASK) || e->addend != addend) {
        tlb_entry_invalidate(e);
    }
    e->paddr = paddr & TARGET_PAGE_MASK;
    e->addend = addend;
    /* Pages with a load/store trigger: every access takes the slow path. */
    if ((prot & PAGE_READ) &&
        !(unlikely(env->mem_triggers_armed) &&
          riscv_trigger_mem_on_page(env, page, MMU_DATA_LOAD))) {
        e->addr_read = page;
    }
    if ((prot & PAGE_EXEC)) {
        e->addr_code = page;
    }
    /* A-D: a store caches write permission only once D is set (the walk
     * sets it for stores), never for ROM or pages holding code. */
    if ((prot & PAGE_WRITE) && type == MMU_DATA_STORE &&
        sec.mr->kind == MR_RAM && !tb_page_has_code(paddr) &&
        !page_has_reservation(paddr) &&
        !(unlikely(env->mem_triggers_armed) &&
          riscv_trigger_mem_on_page(env, page, MMU_DATA_STORE))) {
        e->addr_write = page;
        tlb_wmap_add(env, mmu_idx, page, e->paddr);
    }
    return sec;
}

static bool crosses_page(uint64_t addr, unsigned size)
{
    return (addr & ~TARGET_PAGE_MASK) + size > TARGET_PAGE_SIZE;
}

uint64_t cpu_ld_slow(CPURISCVState *env, uint64_t addr, unsigned size,
                     int mmu_idx)
{
    uint64_t paddr, val = 0;
    MemoryRegionSection sec;

    if (unlikely(env->mem_triggers_armed)) {
        riscv_trigger_check_mem(env, addr, size, MMU_DATA_LOAD);
    }
    if (crosses_page(addr, size)) {
        for (unsigned i = 0; i < size; i++) {
            val |= cpu_ld_slow(env, addr + i, 1, mmu_idx) << (8 * i);
        }
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
    if (address_space_load(&address_space_memory, paddr, size, &val) !=
        MEMTX_OK) {
        riscv_raise_exception(env, RISCV_EXCP_LOAD_ACCESS_FAULT, addr);
    }
    return val;
}

void cpu_st_slow(CPURISCVState *env, uint64_t addr, uint64_t val, unsigned size,
                 int mmu_idx)
{
    uint64_t paddr;
    MemoryRegionSection sec;

    if (unlikely(env->mem_triggers_armed)) {
        riscv_trigger_check_mem(env, addr, size, MMU_DATA_STORE);
    }
    if (crosses_page(addr, size)) {
        /* Translate both pages first so a fault leaves memory alone. */
        uint64_t p;
        uint64_t second = (addr + size - 1) & TARGET_PAGE_MASK;

        tlb_translate(env, addr, 1, MMU_DATA_STORE, mmu_idx, &p);
        tlb_translate(env, second, 1, MMU_DATA_STORE, mmu_idx, &p);
        for (unsigned i = 0; i < size; i++) {
            cpu_st_slow(env, addr + i, (val >> (8 * i)) & 0xff, 1, mmu_idx);
        }
        return;
    }
    sec = tlb_translate(env, addr, size, MMU_DATA_STORE, mmu_idx, &paddr);
    cpu_break_reservations(paddr, size);
    if (sec.mr && sec.mr->kind == MR_RAM) {
        if (tb_page_has_code(paddr)) {
            tb_invalidate_phys_page(paddr);
        }
        memcpy((uint8_t *)memory_region_get_ram_ptr(sec.mr) +
                   sec.offset_within_region,
               &val, size);
        return;
    }
    if (address_space_store(&address_space_memory, paddr, size, val) !=
        MEMTX_OK) {
        riscv_raise_exception(env, RISCV_EXCP_STORE_AMO_ACCESS_FAULT, addr);
    }
}

void *cpu_atomic_host_addr(CPURISCVState *env, uint64_t addr, unsigned size,
                           uint64_t *paddr)
{
    MemoryRegionSection sec;

    if (unlikely(env->mem_triggers_armed)) {
        /* LR, SC and AMOs: a trigger on loads or on stores matches. */
        riscv_trigger_check_mem(env, addr, size, MMU_DATA_LOAD);
        riscv_trigger_check_mem(env, addr, size, MMU_DATA_STORE);
    }
    if (addr & (size - 1)) {
        riscv_raise_exception(env, RISCV_EXCP_STORE_AMO_ADDR_MIS, addr);
    }
    sec = tlb_translate(env, addr, size, MMU_DATA_STORE,
                        cpu_data_mmu_index(env), paddr);
    if (!sec.mr || sec.mr->kind != MR_RAM) {
        /* Atomics to MMIO or ROM are not supported: an access fault. */
        riscv_raise_exception(env, RISCV_EXCP_STORE_AMO_ACCESS_FAULT, addr);
    }
    if (tb_page_has_code(*paddr)) {
        tb_invalidate_phys_page(*paddr);
    }
    return (uint8_t *)memory_region_get_ram_ptr(sec.mr) +
           sec.offset_within_region;
}

void cpu_break_reservations(uint64_t paddr, unsigned size)
{
    for (int h = 0; h < riscv_cpu_count(); h++) {
        CPURISCVState *env = &riscv_cpu_by_index(h)->env;

        if (env->load_res != UINT64_MAX && env->load_res < paddr + size &&
            paddr < env->load_res + 8) {
            env->load_res = UINT64_MAX;
        }
    }
}

/*
 * Instruction fetch: the host pointer of pc (RAM or ROM), with *avail the
 * bytes readable from there within the page and the region. Raises the
 * translation fault, or an access fault for MMIO and holes.
 */
const uint8_t *tlb_fetch(CPURISCVState *env, uint64_t pc, uint64_t *paddr,
                         uint64_t *avail)
{
    int mmu_idx = riscv_mmu_index(env, true);
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
        riscv_raise_exception(env, RISCV_EXCP_INST_ACCESS_FAULT, pc);
    }
    *avail = MIN(to_page_end, sec.len);
    return (const uint8_t *)memory_region_get_ram_ptr(sec.mr) +
           sec.offset_within_region;
}
