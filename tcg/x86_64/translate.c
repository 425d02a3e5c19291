/*
 * RISC-V blocks to x86-64 code (see translate.h). The decoder already
 * chose each instruction's handler; `inline_ops` maps the handlers of the
 * hot integer instructions to emitters, and every other instruction
 * becomes a call of its handler with its DecodedInsn.
 */
#include "qemu/osdep.h"
#include "tcg/x86_64/translate.h"
#include "exec/cpu-ldst.h"
#include "qemu/host-cpu.h"
#include "target/riscv/insn-handlers.h"

#define ENV(field) ((int32_t)offsetof(CPURISCVState, field))
#define GPR(n)     (ENV(gpr) + 8 * (int32_t)(n))
#define TLB_OFF(mmu, field)                                       \
    (ENV(tlb) + (int32_t)((mmu)*TLB_SIZE * sizeof(CPUTLBEntry)) + \
     (int32_t)offsetof(CPUTLBEntry, field))

G_STATIC_ASSERT(sizeof(CPUTLBEntry) == 40); /* the index is scaled by 5 * 8 */
/* tlb_lookup computes the index with 32-bit operations. */
G_STATIC_ASSERT(TARGET_PAGE_BITS + TLB_BITS <= 32);

/* The out-of-line call when an inline fast path cannot go on. */
typedef enum SlowKind {
    SLOW_LOAD,  /* cpu_ld_slow: the TLB check failed */
    SLOW_STORE, /* cpu_st_slow */
    SLOW_INSN,  /* the instruction's own handler does it all */
} SlowKind;

typedef struct SlowPath {
    uint8_t *jcc[8]; /* the fast path's jumps here, to patch */
    unsigned n_jcc;
    uint8_t *resume;  /* where the fast path continues */
    uint32_t index;   /* of the instruction in the block */
    uint32_t dirty;   /* cached guest registers to write back first */
    uint32_t reload;  /* cached guest registers the call clobbers */
    int8_t val;       /* a load's destination register */
    bool val_from_rd; /* SLOW_INSN: reload val from rd's slot after */
    uint8_t kind;     /* SlowKind */
    bool sign;
    uint8_t size;
} SlowPath;

/*
 * Guest registers held in host registers within a block (see translate.h).
 * The first five survive calls (callee-saved in the SysV ABI: the
 * trampoline saves them); the others are reloaded after a call when used.
 */
static const int cache_regs[] = {
    RBP, R12, R13, R14, R15, RDI, R8, R9, R10, R11
};
#define N_CALLEE_SAVED 5
#define RBIT(r)        (1u << (r))

typedef struct Ctx {
    X86Emit *e;
    TranslationBlock *tb;
    const JitTarget *t;
    ptrdiff_t rx_delta;
    SlowPath slow[TB_MAX_INSNS];
    unsigned n_slow;
    uint32_t index; /* of the instruction being translated */
    /* The register cache, as it stands at the point being emitted. */
    int8_t host_of[33];     /* guest register -> host register, or -1 */
    uint32_t valid;         /* cached and loaded (bit per guest register) */
    uint32_t dirty;         /* cached, newer than env->gpr */
    uint32_t volatile_regs; /* cached in registers calls clobber */
    uint32_t cached;        /* every guest register given a host one */
    bool loop;              /* the last branch loops back to tb->pc */
} Ctx;

typedef void EmitFn(Ctx *c, const DecodedInsn *d, int arg);

/* ---- Pieces ---- */

static void jmp_to_rx(Ctx *c, const void *target_rx)
{
    uint8_t *at = x86_jmp(c->e);

    if (!c->e->overflow) {
        x86_patch_rel32(at, c->rx_delta, target_rx);
    }
}

static void patch_here(Ctx *c, uint8_t *at)
{
    if (!c->e->overflow) {
        x86_patch_rel32(at, 0, c->e->p);
    }
}

static void mov_rr(Ctx *c, int dst, int src)
{
    if (dst != src) {
        x86_mov_rr(c->e, W64, dst, src);
    }
}

/* Leave to the dispatcher: RAX = tb | kind. */
static void exit_kind(Ctx *c, int kind)
{
    x86_mov_ri(c->e, RAX, (uintptr_t)c->tb | kind);
    jmp_to_rx(c, c->t->epilogue);
}

static void set_pc(Ctx *c, uint64_t pc)
{
    x86_mov_ri(c->e, RAX, pc);
    x86_store(c->e, RAX, RBX, ENV(pc), 8);
}

/* Before anything that may fault: the pc and index of the instruction. */
static void set_fault_state(Ctx *c, const DecodedInsn *d)
{
    set_pc(c, d->pc);
    x86_store_imm(c->e, W32, RBX, ENV(insns_before), (int32_t)c->index);
}

static void count_insns(Ctx *c, uint32_t n)
{
    x86_alu_mi(c->e, W64, ALU_ADD, RBX, ENV(instret), (int32_t)n);
}

/* ---- The register cache ---- */

/* Write the guest registers in `mask` back to env->gpr. */
static void store_regs(Ctx *c, uint32_t mask)
{
    for (unsigned r = 1; r < 32; r++) {
        if (mask & RBIT(r)) {
            x86_store(c->e, c->host_of[r], RBX, GPR(r), 8);
        }
    }
}

/* Load the guest registers in `mask` from env->gpr. */
static void load_regs(Ctx *c, uint32_t mask)
{
    for (unsigned r = 1; r < 32; r++) {
        if (mask & RBIT(r)) {
            x86_load(c->e, c->host_of[r], RBX, GPR(r), 8, false);
        }
    }
}

/* Before a call or an exit: env->gpr gets every register's latest value,
 * so a fault, a handler or the next block sees the interpreter's state. */
static void flush_regs(Ctx *c)
{
    store_regs(c, c->dirty);
    c->dirty = 0;
}

/* After a call: the caller-saved registers are gone, and the handler may
 * have written rd (handlers write no other integer register). */
static void after_call(Ctx *c, unsigned rd)
{
    c->valid &= ~c->volatile_regs;
    if (rd < 32) {
        c->valid &= ~RBIT(rd);
    }
}

static bool is_cached(Ctx *c, unsigned r)
{
    return c->host_of[r] >= 0;
}

/*
 * A host register holding guest register r: its own when cached (loaded
 * on first use in the block), else `scratch`, loaded from env (x0: zero).
 */
static int read_reg(Ctx *c, unsigned r, int scratch)
{
    int h = c->host_of[r];

    if (h < 0) {
        if (r == 0) {
            x86_mov_ri(c->e, scratch, 0); /* a mov: the flags stay */
        } else {
            x86_load(c->e, scratch, RBX, GPR(r), 8, false);
        }
        return scratch;
    }
    if (!(c->valid & RBIT(r))) {
        x86_load(c->e, h, RBX, GPR(r), 8, false);
        c->valid |= RBIT(r);
    }
    return h;
}

static void read_into(Ctx *c, unsigned r, int dst)
{
    mov_rr(c, dst, read_reg(c, r, dst));
}

#define OP_IMUL 0x10 /* with the X86Alu values: a multiplication */

/* op dst, guest register r (a host register or its env slot) */
static void op_src(Ctx *c, bool w, int op, int dst, unsigned r)
{
    X86Emit *e = c->e;

    if (r == 0) {
        if (op == OP_IMUL) {
            x86_mov_ri(e, dst, 0);
        } else {
            x86_alu_ri(e, w, op, dst, 0);
        }
    } else if (is_cached(c, r)) {
        int h = read_reg(c, r, -1);

        if (op == OP_IMUL) {
            x86_imul_rr(e, w, dst, h);
        } else {
            x86_alu_rr(e, w, op, dst, h);
        }
    } else if (op == OP_IMUL) {
        x86_imul_rm(e, w, dst, RBX, GPR(r));
    } else {
        x86_alu_rm(e, w, op, dst, RBX, GPR(r));
    }
}

/* Where to compute rd: its own host register when cached, else scratch. */
static int rd_reg(Ctx *c, unsigned rd, int scratch)
{
    return is_cached(c, rd) ? c->host_of[rd] : scratch;
}

/* rd's new value is in reg: sign-extend a W result, then keep it in rd's
 * host register (written back later) or store it. */
static void write_rd(Ctx *c, unsigned rd, int reg, bool sext32)
{
    if (sext32) {
        x86_movsxd(c->e, reg, reg);
    }
    if (!is_cached(c, rd)) {
        x86_store(c->e, reg, RBX, GPR(rd), 8);
        return;
    }
    mov_rr(c, c->host_of[rd], reg);
    c->valid |= RBIT(rd);
    c->dirty |= RBIT(rd);
}

/*
 * Before an edge that may close a loop (see translate.h): jumps out
 * (out[0], out[1], to patch) when the hart must stop or its slice is over.
 */
static void check_slice(Ctx *c, uint8_t *out[2])
{
    X86Emit *e = c->e;

    x86_alu_mi(e, W32, ALU_CMP, RBX, ENV(pending_flags), 0);
    out[0] = x86_jcc(e, CC_NE);
    x86_alu_mi(e, W32, ALU_SUB, RBX, ENV(exec_budget), 1);
    out[1] = x86_jcc(e, CC_S);
}

/* RAX = the guest target (env->pc holds it too): the jump cache, else
 * back to the dispatcher. */
static void lookup_and_jump(Ctx *c)
{
    X86Emit *e = c->e;
    uint8_t *miss[6];

    check_slice(c, &miss[4]);
    /* RDX = tb_jmp_cache_index(RAX), with RCX and RSI (dead at exits) */
    x86_mov_rr(e, W32, RDX, RAX);
    x86_shift_ri(e, W32, SHIFT_SHR, RDX, TARGET_PAGE_BITS);
    x86_alu_ri(e, W32, ALU_AND, RDX, JMP_CACHE_GROUPS - 1);
    x86_shift_ri(e, W32, SHIFT_SHL, RDX, JMP_CACHE_SLOT_BITS);
    x86_mov_rr(e, W32, RCX, RAX);
    x86_shift_ri(e, W32, SHIFT_SHR, RCX, 1);
    x86_mov_rr(e, W32, RSI, RAX);
    x86_shift_ri(e, W32, SHIFT_SHR, RSI, JMP_CACHE_SLOT_BITS + 1);
    x86_alu_rr(e, W32, ALU_XOR, RCX, RSI);
    x86_alu_ri(e, W32, ALU_AND, RCX, JMP_CACHE_SLOTS - 1);
    x86_alu_rr(e, W32, ALU_OR, RDX, RCX);
    x86_load(e, RCX, RBX, ENV(tb_jmp_cache), 8, false);
    x86_lea_idx(e, RDX, RCX, RDX, 8);
    x86_load(e, RCX, RDX, 0, 8, false);
    x86_test_rr(e, W64, RCX, RCX);
    miss[0] = x86_jcc(e, CC_E);
    x86_alu_rm(e, W64, ALU_CMP, RAX, RCX,
               (int32_t)offsetof(TranslationBlock, pc));
    miss[1] = x86_jcc(e, CC_NE);
    x86_alu_mi(e, W32, ALU_CMP, RCX, (int32_t)offsetof(TranslationBlock, flags),
               (int32_t)c->tb->flags);
    miss[2] = x86_jcc(e, CC_NE);
    x86_load(e, RCX, RCX, (int32_t)offsetof(TranslationBlock, code), 8, false);
    x86_test_rr(e, W64, RCX, RCX);
    miss[3] = x86_jcc(e, CC_E);
    x86_jmp_reg(e, RCX);
    for (int i = 0; i < 6; i++) {
        patch_here(c, miss[i]);
    }
    exit_kind(c, JIT_EXIT_NOCHAIN);
}

/*
 * Leave the block for guest pc target after n instructions: a patchable
 * jump for targets in the block's own page (chaining is only valid while
 * the virtual page maps the same physical page, which holds for the page
 * the block itself was found in), the jump cache for others.
 */
static void goto_target(Ctx *c, int slot, uint64_t target, uint32_t n)
{
    TranslationBlock *tb = c->tb;
    const DecodedInsn *d = &tb->insns[n - 1];

    flush_regs(c);
    count_insns(c, n);
    if (!c->t->chain) {
        set_pc(c, target);
        exit_kind(c, JIT_EXIT_NOCHAIN);
    } else if ((target & TARGET_PAGE_MASK) == (tb->pc & TARGET_PAGE_MASK)) {
        uint8_t *out[2] = { NULL, NULL };
        uint8_t *rel;

        /* Forward edges never close a loop: no check (translate.h). */
        if (target <= d->pc) {
            check_slice(c, out);
        }

        /* NOPs so the jump's offset is 4-byte aligned: another thread may
         * run it while jit_chain patches it with one atomic store. */
        while ((((uintptr_t)c->e->p + 1) & 3) && !c->e->overflow) {
            x86_byte(c->e, 0x90);
        }
        rel = x86_jmp(c->e);

        patch_here(c, rel);
        for (int i = 0; i < 2; i++) {
            if (out[i]) {
                patch_here(c, out[i]); /* the stub leaves to the loop */
            }
        }
        tb->jmp_rel[slot] = rel;
        tb->jmp_stub[slot] = c->e->p + c->rx_delta;
        tb->jmp_pc[slot] = target;
        set_pc(c, target);
        exit_kind(c, slot);
    } else {
        set_pc(c, target);
        lookup_and_jump(c);
    }
}

/* Call the instruction's own handler. */
static void emit_helper(Ctx *c, const DecodedInsn *d, int arg)
{
    X86Emit *e = c->e;

    set_fault_state(c, d);
    flush_regs(c);
    x86_mov_rr(e, W64, RDI, RBX);
    x86_mov_ri(e, RSI, (uintptr_t)d);
    x86_mov_ri(e, RAX, (uintptr_t)d->fn);
    x86_call_reg(e, RAX);
    after_call(c, d->rd);
    if (d->flags & DECODE_ENDS_BLOCK) {
        count_insns(c, c->index + 1);
        exit_kind(c, JIT_EXIT_NOCHAIN);
    }
}

/* ---- Integer ALU ---- */

/* rd = rs1 op rs2; arg: X86Alu or OP_IMUL | 0x100 for the W form */
static void emit_alu_rr(Ctx *c, const DecodedInsn *d, int arg)
{
    bool w = !(arg & 0x100);
    int dst = rd_reg(c, d->rd, RAX);

    if (d->rs1 == 0 && (arg == ALU_ADD || arg == ALU_OR || arg == ALU_XOR)) {
        read_into(c, d->rs2, dst); /* mv (c.mv): x0 op rs2 is rs2 */
        write_rd(c, d->rd, dst, false);
        return;
    }
    if (d->rd == d->rs2 && d->rd != d->rs1) {
        dst = RAX; /* rs2 is still needed after rs1 is copied */
    }
    read_into(c, d->rs1, dst);
    op_src(c, w, arg & 0xff, dst, d->rs2);
    write_rd(c, d->rd, dst, !w);
}

/* The value of OP x0, imm (li and friends). */
static int64_t alu_of_zero(int op, int64_t imm, bool w)
{
    int64_t v = op == ALU_AND ? 0 : imm;

    return w ? v : (int32_t)v;
}

static void emit_alu_ri(Ctx *c, const DecodedInsn *d, int arg)
{
    bool w = !(arg & 0x100);
    int op = arg & 0xff;
    int dst = rd_reg(c, d->rd, RAX);

    if (d->rs1 == 0) {
        x86_mov_ri(c->e, dst, (uint64_t)alu_of_zero(op, d->imm, w));
        write_rd(c, d->rd, dst, false);
        return;
    }
    read_into(c, d->rs1, dst);
    if (d->imm || op == ALU_AND) {
        x86_alu_ri(c->e, w, op, dst, (int32_t)d->imm);
    }
    write_rd(c, d->rd, dst, !w);
}

static void emit_shift_rr(Ctx *c, const DecodedInsn *d, int arg)
{
    bool w = !(arg & 0x100);
    int dst = rd_reg(c, d->rd, RAX);

    read_into(c, d->rs2, RCX);
    read_into(c, d->rs1, dst);
    x86_shift_cl(c->e, w, arg & 0xff, dst); /* x86 masks the count too */
    write_rd(c, d->rd, dst, !w);
}

static void emit_shift_ri(Ctx *c, const DecodedInsn *d, int arg)
{
    bool w = !(arg & 0x100);
    int dst = rd_reg(c, d->rd, RAX);

    read_into(c, d->rs1, dst);
    x86_shift_ri(c->e, w, arg & 0xff, dst, d->imm & (w ? 63 : 31));
    write_rd(c, d->rd, dst, !w);
}

/* arg: X86Cond; rs2 or the immediate (arg | 0x100) */
static void emit_slt(Ctx *c, const DecodedInsn *d, int arg)
{
    X86Emit *e = c->e;
    int a = read_reg(c, d->rs1, RAX);

    x86_alu_rr(e, W32, ALU_XOR, RCX, RCX);
    if (arg & 0x100) {
        x86_alu_ri(e, W64, ALU_CMP, a, (int32_t)d->imm);
    } else {
        op_src(c, W64, ALU_CMP, a, d->rs2);
    }
    x86_setcc(e, arg & 0xff, RCX);
    write_rd(c, d->rd, RCX, false);
}

/*
 * Division with RISC-V's results where x86 would trap (M, "Division
 * Operations"): x / 0 is all ones and x % 0 is x; the signed MIN / -1 is
 * MIN with remainder 0 (negating MIN wraps to MIN).
 * arg: UNARY_DIV or UNARY_IDIV, | 0x100 for the W form, | 0x200 for rem.
 */
static void emit_div(Ctx *c, const DecodedInsn *d, int arg)
{
    X86Emit *e = c->e;
    bool w = !(arg & 0x100);
    bool sign = (arg & 0xff) == UNARY_IDIV;
    uint8_t *zero, *normal = NULL, *done[2] = { NULL, NULL };

    read_into(c, d->rs1, RAX);
    read_into(c, d->rs2, RCX);
    x86_test_rr(e, w, RCX, RCX);
    zero = x86_jcc(e, CC_E);
    if (sign) {
        x86_alu_ri(e, w, ALU_CMP, RCX, -1);
        normal = x86_jcc(e, CC_NE);
        x86_unary(e, w, UNARY_NEG, RAX);
        x86_alu_rr(e, W32, ALU_XOR, RDX, RDX);
        done[0] = x86_jmp(e);
        patch_here(c, normal);
        x86_cqo(e, w);
    } else {
        x86_alu_rr(e, W32, ALU_XOR, RDX, RDX);
    }
    x86_unary(e, w, arg & 0xff, RCX);
    done[1] = x86_jmp(e);
    patch_here(c, zero);
    x86_mov_rr(e, W64, RDX, RAX);
    x86_mov_ri(e, RAX, UINT64_MAX);
    for (int i = 0; i < 2; i++) {
        if (done[i]) {
            patch_here(c, done[i]);
        }
    }
    write_rd(c, d->rd, (arg & 0x200) ? RDX : RAX, !w);
}

/* The high half of the product; arg: UNARY_MUL or UNARY_IMUL1. */
static void emit_mulh(Ctx *c, const DecodedInsn *d, int arg)
{
    read_into(c, d->rs1, RAX);
    read_into(c, d->rs2, RCX);
    x86_unary(c->e, W64, arg, RCX);
    write_rd(c, d->rd, RDX, false);
}

/* arg: 1 for AUIPC (pc-relative) */
static void emit_lui(Ctx *c, const DecodedInsn *d, int arg)
{
    int dst = rd_reg(c, d->rd, RAX);

    x86_mov_ri(c->e, dst, (arg ? d->pc : 0) + (uint64_t)d->imm);
    write_rd(c, d->rd, dst, false);
}

/* ---- Loads and stores: the TLB check inline, a miss calls out ---- */

/*
 * A slow path for the instruction being translated, with the register
 * cache as it stands: every register the fast path reads must be loaded
 * before (read_reg), as the slow path's jumps come from here on.
 */
static SlowPath *slow_path(Ctx *c, SlowKind kind)
{
    SlowPath *s = &c->slow[c->n_slow++];

    s->n_jcc = 0;
    s->index = c->index;
    s->kind = kind;
    s->dirty = c->dirty;
    s->reload = c->valid & c->volatile_regs;
    s->sign = false;
    s->size = 0;
    s->val_from_rd = false;
    return s;
}

static void slow_jcc(Ctx *c, SlowPath *s, X86Cond cc)
{
    g_assert(s->n_jcc < G_N_ELEMENTS(s->jcc));
    s->jcc[s->n_jcc++] = x86_jcc(c->e, cc);
}

/* RSI = rs1 + imm, the guest address of a load or store. */
static void guest_addr(Ctx *c, const DecodedInsn *d)
{
    int base = read_reg(c, d->rs1, RSI);

    if (d->imm) {
        x86_lea(c->e, RSI, base, (int32_t)d->imm);
    } else {
        mov_rr(c, RSI, base); /* a move the host can do in renaming */
    }
}

/* With RSI the guest address: RAX = the host address's addend. Jumps to
 * s unless the page tag matches for the access. */
static void tlb_lookup(Ctx *c, SlowPath *s, unsigned size, bool store)
{
    X86Emit *e = c->e;
    int mmu = c->t->mmu_idx;

    /* RAX = the entry's index * 5: entries are 40 bytes, [RBX + RAX*8] */
    x86_mov_rr(e, W32, RAX, RSI);
    x86_shift_ri(e, W32, SHIFT_SHR, RAX, TARGET_PAGE_BITS);
    x86_alu_ri(e, W32, ALU_AND, RAX, TLB_SIZE - 1);
    x86_lea_idx(e, RAX, RAX, RAX, 4);
    /* The last byte's page: an access crossing the page never matches. */
    if (size > 1) {
        x86_lea(e, RDX, RSI, (int32_t)size - 1);
    } else {
        x86_mov_rr(e, W64, RDX, RSI);
    }
    x86_alu_ri(e, W64, ALU_AND, RDX, (int32_t)TARGET_PAGE_MASK);
    x86_cmp_sib(e, RDX, RBX, RAX, 8,
                store ? TLB_OFF(mmu, addr_write) : TLB_OFF(mmu, addr_read));
    slow_jcc(c, s, CC_NE);
    s->size = size;
    x86_load64_sib(e, RAX, RBX, RAX, 8, TLB_OFF(mmu, addend));
}

/* The integer loads and stores: the TLB check, a miss calls out. */
static SlowPath *tlb_check(Ctx *c, const DecodedInsn *d, unsigned size,
                           bool store)
{
    SlowPath *s;

    guest_addr(c, d);
    s = slow_path(c, store ? SLOW_STORE : SLOW_LOAD);
    tlb_lookup(c, s, size, store);
    return s;
}

/* arg: size | 0x10 when sign-extending */
static void emit_load(Ctx *c, const DecodedInsn *d, int arg)
{
    unsigned size = arg & 0xf;
    SlowPath *s = tlb_check(c, d, size, false);
    int dst = rd_reg(c, d->rd, RDX);

    s->sign = arg & 0x10;
    s->val = dst;
    x86_load_idx(c->e, dst, RAX, RSI, size, arg & 0x10);
    s->resume = c->e->p;
    write_rd(c, d->rd, dst, false);
}

static void emit_store(Ctx *c, const DecodedInsn *d, int arg)
{
    /* A cached value is loaded before the check, so the slow path knows
     * it is valid; otherwise it goes to RDX after the check. */
    int val = is_cached(c, d->rs2) ? read_reg(c, d->rs2, -1) : -1;
    SlowPath *s = tlb_check(c, d, arg, true);

    if (val < 0) {
        val = read_reg(c, d->rs2, RDX);
    }
    x86_store_idx(c->e, val, RAX, RSI, arg);
    s->resume = c->e->p;
}

/* The call to cpu_ld_slow / cpu_st_slow (RSI still holds the address) or
 * to the instruction's handler. */
static void emit_slow_path(Ctx *c, const SlowPath *s)
{
    X86Emit *e = c->e;
    const DecodedInsn *d = &c->tb->insns[s->index];
    int mmu = c->t->mmu_idx;

    for (unsigned i = 0; i < s->n_jcc; i++) {
        patch_here(c, s->jcc[i]);
    }
    c->index = s->index;
    set_fault_state(c, d);
    store_regs(c, s->dirty);
    x86_mov_rr(e, W64, RDI, RBX);
    if (s->kind == SLOW_INSN) {
        x86_mov_ri(e, RSI, (uintptr_t)d);
        x86_mov_ri(e, RAX, (uintptr_t)d->fn);
        x86_call_reg(e, RAX);
        load_regs(c, s->reload);
        if (s->val_from_rd) {
            x86_load(e, s->val, RBX, GPR(d->rd), 8, false);
        }
    } else if (s->kind == SLOW_STORE) {
        x86_load(e, RDX, RBX, GPR(d->rs2), 8, false); /* x0's slot is 0 */
        x86_mov_ri(e, RCX, s->size);
        x86_mov_ri(e, R8, mmu);
        x86_mov_ri(e, RAX, (uintptr_t)cpu_st_slow);
        x86_call_reg(e, RAX);
        load_regs(c, s->reload);
    } else {
        x86_mov_ri(e, RDX, s->size);
        x86_mov_ri(e, RCX, mmu);
        x86_mov_ri(e, RAX, (uintptr_t)cpu_ld_slow);
        x86_call_reg(e, RAX);
        /* The value comes back zero-extended; sign-extend if asked. */
        if (s->sign && s->size < 8) {
            x86_shift_ri(e, W64, SHIFT_SHL, RAX, 64 - 8 * s->size);
            x86_shift_ri(e, W64, SHIFT_SAR, RAX, 64 - 8 * s->size);
        }
        load_regs(c, s->reload); /* before the value: it may be rd's */
        x86_mov_rr(e, W64, s->val, RAX);
    }
    if (!e->overflow) {
        x86_patch_rel32(x86_jmp(e), 0, s->resume);
    }
}

/* ---- Floating point: the common case inline, the handler otherwise ---- */

#define FPR(n) (ENV(fpr) + 8 * (int32_t)(n))

/*
 * Jumps to s unless the instruction may skip what its handler does beside
 * the result: NX already set in fflags (it is sticky, and the inline code
 * does not compute it), the rounding mode round-to-nearest (a dynamic one
 * is read from frm), and, when it writes an FP register, mstatus.FS and
 * SD already Dirty (riscv_mark_fs_dirty; the block runs with V=0).
 */
static void fp_guard(Ctx *c, SlowPath *s, const DecodedInsn *d, bool arith,
                     bool writes_fpr)
{
    X86Emit *e = c->e;

    if (arith) {
        x86_test_m8(e, RBX, ENV(fflags), FFLAG_NX);
        slow_jcc(c, s, CC_E);
        if (d->rm == RM_DYN) {
            x86_alu_mi(e, W32, ALU_CMP, RBX, ENV(frm), RM_RNE);
            slow_jcc(c, s, CC_NE);
        }
    }
    if (writes_fpr) {
        x86_load(e, RAX, RBX, ENV(mstatus), 8, false);
        x86_mov_ri(e, RCX, MSTATUS_FS | MSTATUS_SD);
        x86_alu_rr(e, W64, ALU_AND, RAX, RCX);
        x86_alu_rr(e, W64, ALU_CMP, RAX, RCX);
        slow_jcc(c, s, CC_NE);
    }
}

/* A single operand must be NaN-boxed (upper half all ones). */
static void fp_boxed(Ctx *c, SlowPath *s, unsigned reg)
{
    x86_alu_mi(c->e, W32, ALU_CMP, RBX, FPR(reg) + 4, -1);
    slow_jcc(c, s, CC_NE);
}

/*
 * RAX = the result's bits: jumps to s unless it is a normal number well
 * inside the range (the fast paths' margins in fpu_helper.c: biased
 * exponent 61..2044, singles 25..252), where the host's round-to-nearest
 * result is exact RISC-V: no overflow, underflow or invalid, and NaNs,
 * infinities, zeros and subnormals (their signs and flags) go to the
 * handler. Then the single is NaN-boxed and RAX stored to rd.
 */
static void fp_result(Ctx *c, SlowPath *s, const DecodedInsn *d, bool dbl)
{
    X86Emit *e = c->e;

    x86_mov_rr(e, W64, RCX, RAX);
    x86_shift_ri(e, W64, SHIFT_SHR, RCX, dbl ? 52 : 23);
    x86_alu_ri(e, W32, ALU_AND, RCX, dbl ? 0x7ff : 0xff);
    x86_alu_ri(e, W32, ALU_SUB, RCX, dbl ? 61 : 25);
    x86_alu_ri(e, W32, ALU_CMP, RCX, dbl ? 2044 - 61 : 252 - 25);
    slow_jcc(c, s, CC_A);
    if (!dbl) {
        x86_mov_ri(e, RCX, 0xffffffff00000000ULL);
        x86_alu_rr(e, W64, ALU_OR, RAX, RCX);
    }
    x86_store(e, RAX, RBX, FPR(d->rd & 31), 8);
}

/* Static rounding modes other than RNE, and V=1 (where FS is also in
 * vsstatus), take the handler. */
static bool fp_inline_ok(Ctx *c, const DecodedInsn *d)
{
    return (d->rm == RM_RNE || d->rm == RM_DYN) && !(c->tb->flags & 8);
}

/* arg: the SSE opcode (58 add, 5C sub, 59 mul, 5E div) | FP_D for double;
 * or an FMA3 231 opcode | FP_FMA. */
#define FP_D   0x100
#define FP_FMA 0x200

static void emit_fp_arith(Ctx *c, const DecodedInsn *d, int arg)
{
    X86Emit *e = c->e;
    bool dbl = arg & FP_D;
    SlowPath *s;

    if (!fp_inline_ok(c, d) || ((arg & FP_FMA) && !host_cpu_has_fma())) {
        emit_helper(c, d, 0);
        return;
    }
    s = slow_path(c, SLOW_INSN);
    fp_guard(c, s, d, true, true);
    if (!dbl) {
        fp_boxed(c, s, d->rs1);
        fp_boxed(c, s, d->rs2);
        if (arg & FP_FMA) {
            fp_boxed(c, s, d->rs3);
        }
    }
    if (arg & FP_FMA) {
        x86_sse_rm(e, dbl ? 0xf2 : 0xf3, 0x10, 0, RBX, FPR(d->rs3));
        x86_sse_rm(e, dbl ? 0xf2 : 0xf3, 0x10, 1, RBX, FPR(d->rs1));
        x86_vfma231_rm(e, dbl, arg & 0xff, 0, 1, RBX, FPR(d->rs2));
    } else {
        x86_sse_rm(e, dbl ? 0xf2 : 0xf3, 0x10, 0, RBX, FPR(d->rs1));
        x86_sse_rm(e, dbl ? 0xf2 : 0xf3, arg & 0xff, 0, RBX, FPR(d->rs2));
    }
    x86_mov_from_xmm(e, dbl, RAX, 0);
    fp_result(c, s, d, dbl);
    s->resume = e->p;
}

/* fld / flw: arg is the size; the handler on a TLB miss or FS not Dirty */
static void emit_fp_load(Ctx *c, const DecodedInsn *d, int arg)
{
    X86Emit *e = c->e;
    SlowPath *s;

    if (c->tb->flags & 8) {
        emit_helper(c, d, 0);
        return;
    }
    guest_addr(c, d);
    s = slow_path(c, SLOW_INSN);
    fp_guard(c, s, d, false, true);
    tlb_lookup(c, s, arg, false);
    x86_load_idx(e, RDX, RAX, RSI, arg, false);
    if (arg == 4) {
        x86_mov_ri(e, RCX, 0xffffffff00000000ULL);
        x86_alu_rr(e, W64, ALU_OR, RDX, RCX);
    }
    x86_store(e, RDX, RBX, FPR(d->rd & 31), 8);
    s->resume = e->p;
}

/* fsd / fsw (FP state unchanged: no FS check) */
static void emit_fp_store(Ctx *c, const DecodedInsn *d, int arg)
{
    X86Emit *e = c->e;
    SlowPath *s;

    guest_addr(c, d);
    s = slow_path(c, SLOW_INSN);
    tlb_lookup(c, s, arg, true);
    x86_load(e, RDX, RBX, FPR(d->rs2), 8, false);
    x86_store_idx(e, RDX, RAX, RSI, arg);
    s->resume = e->p;
}

/*
 * feq/flt/fle: ordered operands inline (no flags); a NaN (unordered) and a
 * single that is not NaN-boxed take the handler. The handler marks FS
 * Dirty even without flags, hence the guard. arg: the X86Cond | FP_D.
 */
static void emit_fp_cmp(Ctx *c, const DecodedInsn *d, int arg)
{
    X86Emit *e = c->e;
    bool dbl = arg & FP_D;
    SlowPath *s;

    if (c->tb->flags & 8) {
        emit_helper(c, d, 0);
        return;
    }
    s = slow_path(c, SLOW_INSN);
    fp_guard(c, s, d, false, true);
    if (!dbl) {
        fp_boxed(c, s, d->rs1);
        fp_boxed(c, s, d->rs2);
    }
    x86_alu_rr(e, W32, ALU_XOR, RCX, RCX);
    x86_sse_rm(e, dbl ? 0xf2 : 0xf3, 0x10, 0, RBX, FPR(d->rs1));
    x86_sse_rm(e, dbl ? 0x66 : 0, 0x2e, 0, RBX, FPR(d->rs2));
    slow_jcc(c, s, CC_P);
    x86_setcc(e, arg & 0xff, RCX);
    s->val = RCX;
    s->val_from_rd = true;
    s->resume = e->p;
    write_rd(c, d->rd, RCX, false);
}

/* fsgnj.d / fsgnjn.d / fsgnjx.d (fmv.d, fneg.d, fabs.d); arg 0, 1, 2 */
static void emit_fp_sgnj_d(Ctx *c, const DecodedInsn *d, int arg)
{
    X86Emit *e = c->e;
    SlowPath *s;

    if (c->tb->flags & 8) {
        emit_helper(c, d, 0);
        return;
    }
    s = slow_path(c, SLOW_INSN);
    fp_guard(c, s, d, false, true);
    x86_load(e, RAX, RBX, FPR(d->rs1), 8, false);
    x86_load(e, RDX, RBX, FPR(d->rs2), 8, false);
    x86_mov_ri(e, RCX, 1ULL << 63);
    if (arg == 1) {
        x86_unary(e, W64, UNARY_NOT, RDX);
    }
    x86_alu_rr(e, W64, ALU_AND, RDX, RCX); /* the sign to give */
    if (arg == 2) {
        x86_alu_rr(e, W64, ALU_XOR, RAX, RDX);
    } else {
        x86_unary(e, W64, UNARY_NOT, RCX);
        x86_alu_rr(e, W64, ALU_AND, RAX, RCX);
        x86_alu_rr(e, W64, ALU_OR, RAX, RDX);
    }
    x86_store(e, RAX, RBX, FPR(d->rd & 31), 8);
    s->resume = e->p;
}

/* fmv.x.d: the bits to an integer register (no FP state changes) */
static void emit_fmv_x_d(Ctx *c, const DecodedInsn *d, int arg)
{
    int dst = rd_reg(c, d->rd, RAX);

    x86_load(c->e, dst, RBX, FPR(d->rs1), 8, false);
    write_rd(c, d->rd, dst, false);
}

/* fmv.d.x: the bits from an integer register; marks FS Dirty */
static void emit_fmv_d_x(Ctx *c, const DecodedInsn *d, int arg)
{
    SlowPath *s;
    int v;

    if (c->tb->flags & 8) {
        emit_helper(c, d, 0);
        return;
    }
    v = read_reg(c, d->rs1, RDX);
    s = slow_path(c, SLOW_INSN);
    fp_guard(c, s, d, false, true);
    x86_store(c->e, v, RBX, FPR(d->rd & 31), 8);
    s->resume = c->e->p;
}

/* ---- Control transfer ---- */

/* The target is misaligned without C: let the handler raise the fault. */
static bool target_needs_check(Ctx *c, uint64_t target)
{
    return (target & 2) && !c->t->rvc;
}

static void emit_jal(Ctx *c, const DecodedInsn *d, int arg)
{
    uint64_t target = d->pc + (uint64_t)d->imm;

    if (target_needs_check(c, target)) {
        emit_helper(c, d, 0);
        return;
    }
    x86_mov_ri(c->e, RAX, d->pc + d->len);
    write_rd(c, d->rd, RAX, false);
    goto_target(c, 0, target, c->index + 1);
}

static void emit_jalr(Ctx *c, const DecodedInsn *d, int arg)
{
    X86Emit *e = c->e;
    uint8_t *odd = NULL;
    int base = read_reg(c, d->rs1, RAX);

    if (base != RAX || d->imm) {
        x86_lea(e, RAX, base, (int32_t)d->imm);
    }
    x86_alu_ri(e, W64, ALU_AND, RAX, -2);
    flush_regs(c);
    if (!c->t->rvc) {
        x86_test_ri8(e, RAX, 2);
        odd = x86_jcc(e, CC_NE);
    }
    x86_store(e, RAX, RBX, ENV(pc), 8);
    /* The link goes to env directly: the block ends here. */
    x86_mov_ri(e, RCX, d->pc + d->len);
    x86_store(e, RCX, RBX, GPR(d->rd), 8);
    count_insns(c, c->index + 1);
    if (c->t->chain) {
        lookup_and_jump(c);
    } else {
        exit_kind(c, JIT_EXIT_NOCHAIN);
    }
    /* A target that is only 2-byte aligned: the handler raises. */
    if (odd) {
        patch_here(c, odd);
        emit_helper(c, d, 0);
    }
}

/*
 * The back edge of a block that loops to its own start (c->loop): the
 * cached registers stay in host registers. Exit 0 is a patchable jump,
 * first to a stub that writes them back and leaves like any exit 0 (as
 * do a pending exit and the end of the slice, checked before it); once
 * the loop chains the block to itself it goes to tb->loop_head, past the
 * loads at the block's entry. Unlinking the block (its code page
 * written, a flush) points it back at the stub.
 */
static void loop_back(Ctx *c, uint32_t n)
{
    TranslationBlock *tb = c->tb;
    uint8_t *out[2];
    uint8_t *rel;

    load_regs(c, c->cached & ~c->valid); /* the ones a call clobbered */
    count_insns(c, n);
    check_slice(c, out);
    while ((((uintptr_t)c->e->p + 1) & 3) && !c->e->overflow) {
        x86_byte(c->e, 0x90); /* see goto_target */
    }
    rel = x86_jmp(c->e);
    patch_here(c, rel);
    patch_here(c, out[0]);
    patch_here(c, out[1]);
    tb->jmp_rel[0] = rel;
    tb->jmp_stub[0] = c->e->p + c->rx_delta;
    tb->jmp_pc[0] = tb->pc;
    store_regs(c, c->cached);
    set_pc(c, tb->pc);
    exit_kind(c, JIT_EXIT_SLOT0);
}

/* arg: the X86Cond under which the branch is taken */
static void emit_branch(Ctx *c, const DecodedInsn *d, int arg)
{
    uint64_t target = d->pc + (uint64_t)d->imm;
    uint8_t *taken;
    int a;

    if (target_needs_check(c, target)) {
        emit_helper(c, d, 0);
        return;
    }
    a = read_reg(c, d->rs1, RAX);
    if (is_cached(c, d->rs2)) {
        read_reg(c, d->rs2, -1);
    }
    if (!c->loop) {
        flush_regs(c); /* both exits leave with env up to date */
    }
    op_src(c, W64, ALU_CMP, a, d->rs2);
    taken = x86_jcc(c->e, arg);
    goto_target(c, 1, d->pc + d->len, c->index + 1);
    patch_here(c, taken);
    if (c->loop) {
        loop_back(c, c->index + 1);
    } else {
        goto_target(c, 0, target, c->index + 1);
    }
}

/* ---- The table: which handlers get inline code ---- */

/* Which of rs1, rs2 and rd an inline instruction uses (for allocation). */
#define U1  1
#define U2  2
#define UD  4
#define URR (U1 | U2 | UD)
#define URI (U1 | UD)

typedef struct InlineOp {
    InsnFn *fn;
    EmitFn *emit;
    int arg;
    uint8_t regs;     /* U1 | U2 | UD */
    const char *kind; /* for -d op */
} InlineOp;

#define W   0x100 /* the 32-bit (W) form */
#define REM 0x200
static const InlineOp inline_ops[] = {
    { exec_add, emit_alu_rr, ALU_ADD, URR, "alu" },
    { exec_sub, emit_alu_rr, ALU_SUB, URR, "alu" },
    { exec_and, emit_alu_rr, ALU_AND, URR, "alu" },
    { exec_or, emit_alu_rr, ALU_OR, URR, "alu" },
    { exec_xor, emit_alu_rr, ALU_XOR, URR, "alu" },
    { exec_addw, emit_alu_rr, ALU_ADD | W, URR, "alu" },
    { exec_subw, emit_alu_rr, ALU_SUB | W, URR, "alu" },
    { exec_addi, emit_alu_ri, ALU_ADD, URI, "alu" },
    { exec_andi, emit_alu_ri, ALU_AND, URI, "alu" },
    { exec_ori, emit_alu_ri, ALU_OR, URI, "alu" },
    { exec_xori, emit_alu_ri, ALU_XOR, URI, "alu" },
    { exec_addiw, emit_alu_ri, ALU_ADD | W, URI, "alu" },
    { exec_sll, emit_shift_rr, SHIFT_SHL, URR, "shift" },
    { exec_srl, emit_shift_rr, SHIFT_SHR, URR, "shift" },
    { exec_sra, emit_shift_rr, SHIFT_SAR, URR, "shift" },
    { exec_sllw, emit_shift_rr, SHIFT_SHL | W, URR, "shift" },
    { exec_srlw, emit_shift_rr, SHIFT_SHR | W, URR, "shift" },
    { exec_sraw, emit_shift_rr, SHIFT_SAR | W, URR, "shift" },
    { exec_slli, emit_shift_ri, SHIFT_SHL, URI, "shift" },
    { exec_srli, emit_shift_ri, SHIFT_SHR, URI, "shift" },
    { exec_srai, emit_shift_ri, SHIFT_SAR, URI, "shift" },
    { exec_slliw, emit_shift_ri, SHIFT_SHL | W, URI, "shift" },
    { exec_srliw, emit_shift_ri, SHIFT_SHR | W, URI, "shift" },
    { exec_sraiw, emit_shift_ri, SHIFT_SAR | W, URI, "shift" },
    { exec_slt, emit_slt, CC_L, URR, "compare" },
    { exec_sltu, emit_slt, CC_B, URR, "compare" },
    { exec_slti, emit_slt, CC_L | W, URI, "compare" },
    { exec_sltiu, emit_slt, CC_B | W, URI, "compare" },
    { exec_mul, emit_alu_rr, OP_IMUL, URR, "mul" },
    { exec_mulw, emit_alu_rr, OP_IMUL | W, URR, "mul" },
    { exec_mulh, emit_mulh, UNARY_IMUL1, URR, "mul" },
    { exec_mulhu, emit_mulh, UNARY_MUL, URR, "mul" },
    { exec_div, emit_div, UNARY_IDIV, URR, "div" },
    { exec_divu, emit_div, UNARY_DIV, URR, "div" },
    { exec_rem, emit_div, UNARY_IDIV | REM, URR, "div" },
    { exec_remu, emit_div, UNARY_DIV | REM, URR, "div" },
    { exec_divw, emit_div, UNARY_IDIV | W, URR, "div" },
    { exec_divuw, emit_div, UNARY_DIV | W, URR, "div" },
    { exec_remw, emit_div, UNARY_IDIV | W | REM, URR, "div" },
    { exec_remuw, emit_div, UNARY_DIV | W | REM, URR, "div" },
    { exec_lui, emit_lui, 0, UD, "const" },
    { exec_auipc, emit_lui, 1, UD, "const" },
    { exec_lb, emit_load, 1 | 0x10, URI, "load" },
    { exec_lh, emit_load, 2 | 0x10, URI, "load" },
    { exec_lw, emit_load, 4 | 0x10, URI, "load" },
    { exec_ld, emit_load, 8, URI, "load" },
    { exec_lbu, emit_load, 1, URI, "load" },
    { exec_lhu, emit_load, 2, URI, "load" },
    { exec_lwu, emit_load, 4, URI, "load" },
    { exec_sb, emit_store, 1, U1 | U2, "store" },
    { exec_sh, emit_store, 2, U1 | U2, "store" },
    { exec_sw, emit_store, 4, U1 | U2, "store" },
    { exec_sd, emit_store, 8, U1 | U2, "store" },
    { exec_fadd_d, emit_fp_arith, 0x58 | FP_D, 0, "fp" },
    { exec_fsub_d, emit_fp_arith, 0x5c | FP_D, 0, "fp" },
    { exec_fmul_d, emit_fp_arith, 0x59 | FP_D, 0, "fp" },
    { exec_fdiv_d, emit_fp_arith, 0x5e | FP_D, 0, "fp" },
    { exec_fadd_s, emit_fp_arith, 0x58, 0, "fp" },
    { exec_fsub_s, emit_fp_arith, 0x5c, 0, "fp" },
    { exec_fmul_s, emit_fp_arith, 0x59, 0, "fp" },
    { exec_fdiv_s, emit_fp_arith, 0x5e, 0, "fp" },
    /* RISC-V's fnmsub is -(a*b)+c, x86's vfnmadd; fnmadd is vfnmsub. */
    { exec_fmadd_d, emit_fp_arith, 0xb9 | FP_FMA | FP_D, 0, "fp" },
    { exec_fmsub_d, emit_fp_arith, 0xbb | FP_FMA | FP_D, 0, "fp" },
    { exec_fnmsub_d, emit_fp_arith, 0xbd | FP_FMA | FP_D, 0, "fp" },
    { exec_fnmadd_d, emit_fp_arith, 0xbf | FP_FMA | FP_D, 0, "fp" },
    { exec_fmadd_s, emit_fp_arith, 0xb9 | FP_FMA, 0, "fp" },
    { exec_fmsub_s, emit_fp_arith, 0xbb | FP_FMA, 0, "fp" },
    { exec_fnmsub_s, emit_fp_arith, 0xbd | FP_FMA, 0, "fp" },
    { exec_fnmadd_s, emit_fp_arith, 0xbf | FP_FMA, 0, "fp" },
    { exec_fld, emit_fp_load, 8, U1, "fp-load" },
    { exec_flw, emit_fp_load, 4, U1, "fp-load" },
    { exec_fsd, emit_fp_store, 8, U1, "fp-store" },
    { exec_fsw, emit_fp_store, 4, U1, "fp-store" },
    { exec_fmv_x_d, emit_fmv_x_d, 0, UD, "fp-move" },
    { exec_feq_d, emit_fp_cmp, CC_E | FP_D, UD, "fp-compare" },
    { exec_flt_d, emit_fp_cmp, CC_B | FP_D, UD, "fp-compare" },
    { exec_fle_d, emit_fp_cmp, CC_BE | FP_D, UD, "fp-compare" },
    { exec_feq_s, emit_fp_cmp, CC_E, UD, "fp-compare" },
    { exec_flt_s, emit_fp_cmp, CC_B, UD, "fp-compare" },
    { exec_fle_s, emit_fp_cmp, CC_BE, UD, "fp-compare" },
    { exec_fsgnj_d, emit_fp_sgnj_d, 0, 0, "fp-move" },
    { exec_fsgnjn_d, emit_fp_sgnj_d, 1, 0, "fp-move" },
    { exec_fsgnjx_d, emit_fp_sgnj_d, 2, 0, "fp-move" },
    { exec_fmv_d_x, emit_fmv_d_x, 0, U1, "fp-move" },
    { exec_jal, emit_jal, 0, UD, "jump" },
    { exec_jalr, emit_jalr, 0, U1, "jump-indirect" },
    { exec_beq, emit_branch, CC_E, U1 | U2, "branch" },
    { exec_bne, emit_branch, CC_NE, U1 | U2, "branch" },
    { exec_blt, emit_branch, CC_L, U1 | U2, "branch" },
    { exec_bge, emit_branch, CC_GE, U1 | U2, "branch" },
    { exec_bltu, emit_branch, CC_B, U1 | U2, "branch" },
    { exec_bgeu, emit_branch, CC_AE, U1 | U2, "branch" },
};
#undef W
#undef REM

static const InlineOp *find_inline(const DecodedInsn *d)
{
    /* handler -> InlineOp; built once even if two harts translate at once */
    static GHashTable *by_fn;

    if (g_once_init_enter(&by_fn)) {
        GHashTable *t = g_hash_table_new(g_direct_hash, g_direct_equal);

        for (size_t i = 0; i < G_N_ELEMENTS(inline_ops); i++) {
            g_hash_table_insert(t, inline_ops[i].fn, (gpointer)&inline_ops[i]);
        }
        g_once_init_leave(&by_fn, t);
    }
    /* Immediates wider than a sign-extended 32 bits take the handler. */
    if (d->imm != (int32_t)d->imm) {
        return NULL;
    }
    return g_hash_table_lookup(by_fn, d->fn);
}

const char *x86_insn_kind(const DecodedInsn *d)
{
    const InlineOp *op = find_inline(d);

    return op ? op->kind : "call";
}

/* ---- Blocks ---- */

/* Does the block end with an inline branch back to its own start? */
static bool loops_to_start(Ctx *c, const DecodedInsn *last)
{
    const InlineOp *op = find_inline(last);

    return op && op->emit == emit_branch &&
           last->pc + (uint64_t)last->imm == c->tb->pc &&
           !target_needs_check(c, c->tb->pc);
}

/*
 * Give the guest registers the block's inline code uses most a host
 * register each (those used once gain nothing). Counts, not liveness:
 * blocks are short and straight, and a register is loaded only at its
 * first read (read_reg).
 */
static void alloc_regs(Ctx *c)
{
    unsigned uses[33] = { 0 };

    for (uint32_t i = 0; i < c->tb->n; i++) {
        const DecodedInsn *d = &c->tb->insns[i];
        const InlineOp *op = find_inline(d);

        if (op) {
            uses[d->rs1] += (op->regs & U1) ? 1 : 0;
            uses[d->rs2] += (op->regs & U2) ? 1 : 0;
            uses[d->rd] += (op->regs & UD) ? 1 : 0;
        }
    }
    uses[0] = uses[32] = 0; /* x0 and the sink are never cached */
    memset(c->host_of, -1, sizeof(c->host_of));
    for (unsigned k = 0; k < G_N_ELEMENTS(cache_regs); k++) {
        unsigned best = 0;

        for (unsigned r = 1; r < 32; r++) {
            if (uses[r] > uses[best]) {
                best = r;
            }
        }
        if (uses[best] < 2) {
            break;
        }
        c->host_of[best] = cache_regs[k];
        c->cached |= RBIT(best);
        if (k >= N_CALLEE_SAVED) {
            c->volatile_regs |= RBIT(best);
        }
        uses[best] = 0;
    }
}

bool x86_translate_block(TranslationBlock *tb, X86Emit *e, ptrdiff_t rx_delta,
                         const JitTarget *t)
{
    g_autofree Ctx *c = g_new0(Ctx, 1);
    const DecodedInsn *last = &tb->insns[tb->n - 1];

    c->e = e;
    c->tb = tb;
    c->t = t;
    c->rx_delta = rx_delta;
    alloc_regs(c);
    c->loop = t->chain && c->cached && loops_to_start(c, last);
    for (int i = 0; i < 2; i++) {
        tb->jmp_rel[i] = NULL;
        tb->jmp_stub[i] = NULL;
        tb->jmp_dest[i] = NULL;
    }
    tb->loop_head = NULL;
    /*
     * A loop loads its cached registers up front: around the loop they
     * stay loaded, and are written back at every exit (all of them, as
     * any may have changed in an earlier pass).
     */
    if (c->loop) {
        load_regs(c, c->cached);
        c->valid = c->dirty = c->cached;
        tb->loop_head = e->p + rx_delta;
    }

    for (uint32_t i = 0; i < tb->n; i++) {
        const DecodedInsn *d = &tb->insns[i];
        const InlineOp *op = find_inline(d);

        c->index = i;
        if (op) {
            op->emit(c, d, op->arg);
        } else {
            emit_helper(c, d, 0);
        }
    }
    /* A block that ends without a jump continues at end_pc. */
    if (!(last->flags & DECODE_ENDS_BLOCK)) {
        goto_target(c, 0, tb->end_pc, tb->n);
    }
    for (unsigned i = 0; i < c->n_slow; i++) {
        emit_slow_path(c, &c->slow[i]);
    }
    return !e->overflow;
}

static const int saved_regs[] = { RBX, RBP, R12, R13, R14, R15 };

uint8_t *x86_emit_trampoline(X86Emit *e)
{
    uint8_t *epilogue;

    /* uintptr_t jit_enter(CPURISCVState *env, const void *code) */
    for (size_t i = 0; i < G_N_ELEMENTS(saved_regs); i++) {
        x86_push(e, saved_regs[i]);
    }
    /* Six pushes and the return address: 8 more keep RSP 16-aligned at
     * every call the blocks make. */
    x86_alu_ri(e, W64, ALU_SUB, RSP, 8);
    x86_mov_rr(e, W64, RBX, RDI);
    x86_jmp_reg(e, RSI);

    epilogue = e->p;
    x86_alu_ri(e, W64, ALU_ADD, RSP, 8);
    for (size_t i = G_N_ELEMENTS(saved_regs); i-- > 0;) {
        x86_pop(e, saved_regs[i]);
    }
    x86_ret(e);
    return epilogue;
}
