/*
 * Translation blocks: runs of pre-decoded instructions, cached by
 * physical address and the mode flags that change their meaning.
 */
#ifndef ACCEL_TCG_TB_H
#define ACCEL_TCG_TB_H

#include "translate.h"

#define TB_MAX_INSNS 64
/*
 * The per-hart jump cache: virtual PC -> block. The index keeps a page's
 * blocks in one group of JMP_CACHE_SLOTS entries (group: the page number
 * mod JMP_CACHE_GROUPS; slot: halfword offset bits, folded), so a TLB
 * flush of one page clears two groups (the page's, and the one before
 * for blocks crossing into it), not the whole cache. The translator
 * computes the same index inline (tcg/x86_64/translate.c).
 */
#define JMP_CACHE_GROUP_BITS 6
#define JMP_CACHE_SLOT_BITS  7
#define JMP_CACHE_GROUPS     (1 << JMP_CACHE_GROUP_BITS)
#define JMP_CACHE_SLOTS      (1 << JMP_CACHE_SLOT_BITS)
#define JMP_CACHE_SIZE       (JMP_CACHE_GROUPS * JMP_CACHE_SLOTS)

static inline unsigned tb_jmp_cache_group(uint64_t pc)
{
    return (pc >> TARGET_PAGE_BITS) & (JMP_CACHE_GROUPS - 1);
}

static inline unsigned tb_jmp_cache_index(uint64_t pc)
{
    return (tb_jmp_cache_group(pc) << JMP_CACHE_SLOT_BITS) |
           (((pc >> 1) ^ (pc >> (JMP_CACHE_SLOT_BITS + 1))) &
            (JMP_CACHE_SLOTS - 1));
}

typedef struct TranslationBlock TranslationBlock;
struct TranslationBlock {
    uint64_t pc; /* virtual address of the first instruction */
    uint64_t phys_pc;
    uint64_t phys_pc2; /* second page for an instruction crossing it, or -1 */
    uint32_t flags;    /* cpu_get_tb_flags() */
    uint32_t n;
    uint64_t end_pc;     /* the PC after the last instruction */
    bool ends_with_jump; /* the last handler sets env->pc */
    bool check_irq;      /* ends with a SYSTEM-opcode instruction */
    bool invalid;
    uint64_t dead_gen; /* invalid: freed once every thread saw this tb_gen */
    TranslationBlock *hash_next;
    /* Host code (accel/tcg/tcg-jit.c): its executable address, or NULL
     * when the block is interpreted. */
    void *code;
    uint32_t code_size;
    uint32_t exec_count; /* runs so far, interpreted: translate when hot */
    /* The two direct exits that may be chained to another block: where
     * each exit's jump offset is (writable view), where it points when
     * unchained, its guest target and the block it is chained to. */
    uint8_t *jmp_rel[2];
    void *jmp_stub[2];
    uint64_t jmp_pc[2];
    TranslationBlock *jmp_dest[2];
    GPtrArray *jmp_in; /* (source block | exit) chained into this one */
    /* A block that branches back to its own start keeps the guest
     * registers it caches in host registers around that loop: exit 0,
     * chained to the block itself, goes to this executable address
     * (past the register loads) instead of `code`. NULL otherwise. */
    void *loop_head;
    DecodedInsn insns[];
};

/* Find or translate the block at env->pc; raises fetch faults. */
TranslationBlock *tb_find(CPUArchState *env);
/* Invalidate every block that includes code from physical page paddr. */
void tb_invalidate_phys_page(uint64_t paddr);
/* Is physical page paddr holding translated code? */
bool tb_page_has_code(uint64_t paddr);
/* Host memory taken by the cached blocks (at most a fixed budget). */
size_t tb_cache_bytes(void);
/* Free the invalidated blocks no vCPU thread can still be running. */
void tb_reap(void);

/* The lock of the block cache, code-page index, chaining and code buffer. */
void tb_lock(void);
void tb_unlock(void);
bool tb_page_has_code_locked(uint64_t paddr);
/* Drop every block (tb_lock held); the code buffer is reused once all
 * are freed, and nothing is translated until then. */
void tb_flush_locked(void);
bool tb_flush_is_pending(void);
/*
 * vCPU threads: each has a slot (tb_exec_slot_add, before it runs).
 * Between blocks a thread calls tb_exec_online (true when blocks were
 * dropped since *last: drop any block pointer kept across), and
 * tb_exec_offline before it sleeps.
 */
void tb_exec_slot_add(int slot);
bool tb_exec_online(int slot, uint64_t *last);
void tb_exec_offline(int slot);

#endif
