/*
 * RISC-V blocks to x86-64 code (see translate.h). The decoder already
 * chose each instruction's handler; `inline_ops` maps the handlers of the
 * hot integer instructions to emitters, and every other instruction
 * becomes a call of its handler with its DecodedInsn.
 */
#include "qemu/osdep.h"
#include "tcg/x86_64/translate.h"
#include "exec/cpu-ldst.h"
#include "target/riscv/insn-handlers.h"

#define ENV(field) ((int32_t)offsetof(CPURISCVState, field))
#define GPR(n)     (ENV(gpr) + 8 * (int32_t)(n))
#define TLB_OFF(mmu, field)                                       \
    (ENV(tlb) + (int32_t)((mmu)*TLB_SIZE * sizeof(CPUTLBEntry)) + \
     (int32_t)offsetof(CPUTLBEntry, field))

G_STATIC_ASSERT(sizeof(CPUTLBEntry) == 40); /* the index is scaled by 5 * 8 */

/* A load or store whose TLB check failed: the out-of-line call. */
typedef struct SlowPath {
    uint8_t *jcc;    /* the fast path's jne to patch */
    uint8_t *resume; /* where the fast path continues */
    uint32_t index;  /* of the instruction in the block */
    bool store;
    bool sign;
    uint8_t size;
} SlowPath;

typedef struct Ctx {
    X86Emit *e;
    TranslationBlock *tb;
    const JitTarget *t;
    ptrdiff_t rx_delta;
    SlowPath slow[TB_MAX_INSNS];
    unsigned n_slow;
    uint32_t index; /* of the instruction being translated */
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

/* RAX = the guest target: the jump cache, else back to the dispatcher. */
static void lookup_and_jump(Ctx *c)
{
    X86Emit *e = c->e;
    uint8_t *miss[4];

    x86_load(e, RCX, RBX, ENV(tb_jmp_cache), 8, false);
    x86_mov_rr(e, W32, RDX, RAX);
    x86_shift_ri(e, W32, SHIFT_SHR, RDX, 1);
    x86_alu_ri(e, W32, ALU_AND, RDX, JMP_CACHE_SIZE - 1);
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
    for (int i = 0; i < 4; i++) {
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

    count_insns(c, n);
    if (!c->t->chain) {
        set_pc(c, target);
        exit_kind(c, JIT_EXIT_NOCHAIN);
    } else if ((target & TARGET_PAGE_MASK) == (tb->pc & TARGET_PAGE_MASK)) {
        uint8_t *rel = x86_jmp(c->e);

        patch_here(c, rel);
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
    x86_mov_rr(e, W64, RDI, RBX);
    x86_mov_ri(e, RSI, (uintptr_t)d);
    x86_mov_ri(e, RAX, (uintptr_t)d->fn);
    x86_call_reg(e, RAX);
    if (d->flags & DECODE_ENDS_BLOCK) {
        count_insns(c, c->index + 1);
        exit_kind(c, JIT_EXIT_NOCHAIN);
    }
}

/* ---- Integer ALU ---- */

static void store_rd(Ctx *c, const DecodedInsn *d, bool w, int reg)
{
    if (!w) {
        x86_movsxd(c->e, reg, reg); /* *W: sign-extend the low word */
    }
    x86_store(c->e, reg, RBX, GPR(d->rd), 8);
}

/* arg: X86Alu | 0x100 for the 32-bit (W) form */
static void emit_alu_rr(Ctx *c, const DecodedInsn *d, int arg)
{
    bool w = !(arg & 0x100);

    x86_load(c->e, RAX, RBX, GPR(d->rs1), 8, false);
    x86_alu_rm(c->e, w, arg & 0xff, RAX, RBX, GPR(d->rs2));
    store_rd(c, d, w, RAX);
}

static void emit_alu_ri(Ctx *c, const DecodedInsn *d, int arg)
{
    bool w = !(arg & 0x100);

    x86_load(c->e, RAX, RBX, GPR(d->rs1), 8, false);
    if (d->imm || (arg & 0xff) == ALU_AND) {
        x86_alu_ri(c->e, w, arg & 0xff, RAX, (int32_t)d->imm);
    }
    store_rd(c, d, w, RAX);
}

static void emit_shift_rr(Ctx *c, const DecodedInsn *d, int arg)
{
    bool w = !(arg & 0x100);

    x86_load(c->e, RCX, RBX, GPR(d->rs2), 8, false);
    x86_load(c->e, RAX, RBX, GPR(d->rs1), 8, false);
    x86_shift_cl(c->e, w, arg & 0xff, RAX); /* x86 masks the count too */
    store_rd(c, d, w, RAX);
}

static void emit_shift_ri(Ctx *c, const DecodedInsn *d, int arg)
{
    bool w = !(arg & 0x100);

    x86_load(c->e, RAX, RBX, GPR(d->rs1), 8, false);
    x86_shift_ri(c->e, w, arg & 0xff, RAX, d->imm & (w ? 63 : 31));
    store_rd(c, d, w, RAX);
}

/* arg: X86Cond; rs2 or the immediate (arg | 0x100) */
static void emit_slt(Ctx *c, const DecodedInsn *d, int arg)
{
    X86Emit *e = c->e;

    x86_alu_rr(e, W32, ALU_XOR, RCX, RCX);
    x86_load(e, RAX, RBX, GPR(d->rs1), 8, false);
    if (arg & 0x100) {
        x86_alu_ri(e, W64, ALU_CMP, RAX, (int32_t)d->imm);
    } else {
        x86_alu_rm(e, W64, ALU_CMP, RAX, RBX, GPR(d->rs2));
    }
    x86_setcc(e, arg & 0xff, RCX);
    x86_store(e, RCX, RBX, GPR(d->rd), 8);
}

static void emit_mul(Ctx *c, const DecodedInsn *d, int arg)
{
    bool w = !(arg & 0x100);

    x86_load(c->e, RAX, RBX, GPR(d->rs1), 8, false);
    x86_imul_rm(c->e, w, RAX, RBX, GPR(d->rs2));
    store_rd(c, d, w, RAX);
}

/* arg: 1 for AUIPC (pc-relative) */
static void emit_lui(Ctx *c, const DecodedInsn *d, int arg)
{
    x86_mov_ri(c->e, RAX, (arg ? d->pc : 0) + (uint64_t)d->imm);
    x86_store(c->e, RAX, RBX, GPR(d->rd), 8);
}

/* ---- Loads and stores: the TLB check inline, a miss calls out ---- */

/* RSI = the guest address; RAX = its TLB entry (minus the table offset).
 * Jumps to a slow path unless the page tag matches for the access. */
static void tlb_check(Ctx *c, const DecodedInsn *d, unsigned size, bool store)
{
    X86Emit *e = c->e;
    int mmu = c->t->mmu_idx;
    SlowPath *s = &c->slow[c->n_slow++];

    x86_load(e, RSI, RBX, GPR(d->rs1), 8, false);
    if (d->imm) {
        x86_alu_ri(e, W64, ALU_ADD, RSI, (int32_t)d->imm);
    }
    x86_mov_rr(e, W64, RAX, RSI);
    x86_shift_ri(e, W64, SHIFT_SHR, RAX, TARGET_PAGE_BITS);
    x86_alu_ri(e, W32, ALU_AND, RAX, TLB_SIZE - 1);
    x86_lea_idx(e, RAX, RAX, RAX, 4);
    x86_lea_idx(e, RAX, RBX, RAX, 8);
    /* The last byte's page: an access crossing the page never matches. */
    x86_lea(e, RDX, RSI, (int32_t)size - 1);
    x86_alu_ri(e, W64, ALU_AND, RDX, (int32_t)TARGET_PAGE_MASK);
    x86_alu_rm(e, W64, ALU_CMP, RDX, RAX,
               store ? TLB_OFF(mmu, addr_write) : TLB_OFF(mmu, addr_read));
    s->jcc = x86_jcc(e, CC_NE);
    s->index = c->index;
    s->store = store;
    s->size = size;
    s->sign = false;
    x86_load(e, RAX, RAX, TLB_OFF(mmu, addend), 8, false);
}

/* arg: size | 0x10 when sign-extending */
static void emit_load(Ctx *c, const DecodedInsn *d, int arg)
{
    unsigned size = arg & 0xf;

    tlb_check(c, d, size, false);
    c->slow[c->n_slow - 1].sign = arg & 0x10;
    x86_load_idx(c->e, RDX, RAX, RSI, size, arg & 0x10);
    c->slow[c->n_slow - 1].resume = c->e->p;
    x86_store(c->e, RDX, RBX, GPR(d->rd), 8);
}

static void emit_store(Ctx *c, const DecodedInsn *d, int arg)
{
    tlb_check(c, d, arg, true);
    x86_load(c->e, RDX, RBX, GPR(d->rs2), 8, false);
    x86_store_idx(c->e, RDX, RAX, RSI, arg);
    c->slow[c->n_slow - 1].resume = c->e->p;
}

/* The call to cpu_ld_slow / cpu_st_slow (RSI still holds the address). */
static void emit_slow_path(Ctx *c, const SlowPath *s)
{
    X86Emit *e = c->e;
    const DecodedInsn *d = &c->tb->insns[s->index];
    int mmu = c->t->mmu_idx;

    patch_here(c, s->jcc);
    c->index = s->index;
    set_fault_state(c, d);
    x86_mov_rr(e, W64, RDI, RBX);
    if (s->store) {
        x86_load(e, RDX, RBX, GPR(d->rs2), 8, false);
        x86_mov_ri(e, RCX, s->size);
        x86_mov_ri(e, R8, mmu);
        x86_mov_ri(e, RAX, (uintptr_t)cpu_st_slow);
        x86_call_reg(e, RAX);
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
        x86_mov_rr(e, W64, RDX, RAX);
    }
    if (!e->overflow) {
        x86_patch_rel32(x86_jmp(e), 0, s->resume);
    }
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
    x86_store(c->e, RAX, RBX, GPR(d->rd), 8);
    goto_target(c, 0, target, c->index + 1);
}

static void emit_jalr(Ctx *c, const DecodedInsn *d, int arg)
{
    X86Emit *e = c->e;
    uint8_t *odd = NULL;

    x86_load(e, RAX, RBX, GPR(d->rs1), 8, false);
    if (d->imm) {
        x86_alu_ri(e, W64, ALU_ADD, RAX, (int32_t)d->imm);
    }
    x86_alu_ri(e, W64, ALU_AND, RAX, -2);
    if (!c->t->rvc) {
        x86_test_ri8(e, RAX, 2);
        odd = x86_jcc(e, CC_NE);
    }
    x86_store(e, RAX, RBX, ENV(pc), 8);
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

/* arg: the X86Cond under which the branch is taken */
static void emit_branch(Ctx *c, const DecodedInsn *d, int arg)
{
    uint64_t target = d->pc + (uint64_t)d->imm;
    uint8_t *taken;

    if (target_needs_check(c, target)) {
        emit_helper(c, d, 0);
        return;
    }
    x86_load(c->e, RAX, RBX, GPR(d->rs1), 8, false);
    x86_alu_rm(c->e, W64, ALU_CMP, RAX, RBX, GPR(d->rs2));
    taken = x86_jcc(c->e, arg);
    goto_target(c, 1, d->pc + d->len, c->index + 1);
    patch_here(c, taken);
    goto_target(c, 0, target, c->index + 1);
}

/* ---- The table: which handlers get inline code ---- */

typedef struct InlineOp {
    InsnFn *fn;
    EmitFn *emit;
    int arg;
    const char *kind; /* for -d op */
} InlineOp;

#define W 0x100 /* the 32-bit (W) form */
static const InlineOp inline_ops[] = {
    { exec_add, emit_alu_rr, ALU_ADD, "alu" },
    { exec_sub, emit_alu_rr, ALU_SUB, "alu" },
    { exec_and, emit_alu_rr, ALU_AND, "alu" },
    { exec_or, emit_alu_rr, ALU_OR, "alu" },
    { exec_xor, emit_alu_rr, ALU_XOR, "alu" },
    { exec_addw, emit_alu_rr, ALU_ADD | W, "alu" },
    { exec_subw, emit_alu_rr, ALU_SUB | W, "alu" },
    { exec_addi, emit_alu_ri, ALU_ADD, "alu" },
    { exec_andi, emit_alu_ri, ALU_AND, "alu" },
    { exec_ori, emit_alu_ri, ALU_OR, "alu" },
    { exec_xori, emit_alu_ri, ALU_XOR, "alu" },
    { exec_addiw, emit_alu_ri, ALU_ADD | W, "alu" },
    { exec_sll, emit_shift_rr, SHIFT_SHL, "shift" },
    { exec_srl, emit_shift_rr, SHIFT_SHR, "shift" },
    { exec_sra, emit_shift_rr, SHIFT_SAR, "shift" },
    { exec_sllw, emit_shift_rr, SHIFT_SHL | W, "shift" },
    { exec_srlw, emit_shift_rr, SHIFT_SHR | W, "shift" },
    { exec_sraw, emit_shift_rr, SHIFT_SAR | W, "shift" },
    { exec_slli, emit_shift_ri, SHIFT_SHL, "shift" },
    { exec_srli, emit_shift_ri, SHIFT_SHR, "shift" },
    { exec_srai, emit_shift_ri, SHIFT_SAR, "shift" },
    { exec_slliw, emit_shift_ri, SHIFT_SHL | W, "shift" },
    { exec_srliw, emit_shift_ri, SHIFT_SHR | W, "shift" },
    { exec_sraiw, emit_shift_ri, SHIFT_SAR | W, "shift" },
    { exec_slt, emit_slt, CC_L, "compare" },
    { exec_sltu, emit_slt, CC_B, "compare" },
    { exec_slti, emit_slt, CC_L | W, "compare" },
    { exec_sltiu, emit_slt, CC_B | W, "compare" },
    { exec_mul, emit_mul, 0, "mul" },
    { exec_mulw, emit_mul, W, "mul" },
    { exec_lui, emit_lui, 0, "const" },
    { exec_auipc, emit_lui, 1, "const" },
    { exec_lb, emit_load, 1 | 0x10, "load" },
    { exec_lh, emit_load, 2 | 0x10, "load" },
    { exec_lw, emit_load, 4 | 0x10, "load" },
    { exec_ld, emit_load, 8, "load" },
    { exec_lbu, emit_load, 1, "load" },
    { exec_lhu, emit_load, 2, "load" },
    { exec_lwu, emit_load, 4, "load" },
    { exec_sb, emit_store, 1, "store" },
    { exec_sh, emit_store, 2, "store" },
    { exec_sw, emit_store, 4, "store" },
    { exec_sd, emit_store, 8, "store" },
    { exec_jal, emit_jal, 0, "jump" },
    { exec_jalr, emit_jalr, 0, "jump-indirect" },
    { exec_beq, emit_branch, CC_E, "branch" },
    { exec_bne, emit_branch, CC_NE, "branch" },
    { exec_blt, emit_branch, CC_L, "branch" },
    { exec_bge, emit_branch, CC_GE, "branch" },
    { exec_bltu, emit_branch, CC_B, "branch" },
    { exec_bgeu, emit_branch, CC_AE, "branch" },
};
#undef W

static const InlineOp *find_inline(const DecodedInsn *d)
{
    static GHashTable *by_fn; /* handler -> InlineOp */

    if (!by_fn) {
        by_fn = g_hash_table_new(g_direct_hash, g_direct_equal);
        for (size_t i = 0; i < G_N_ELEMENTS(inline_ops); i++) {
            g_hash_table_insert(by_fn, inline_ops[i].fn,
                                (gpointer)&inline_ops[i]);
        }
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

bool x86_translate_block(TranslationBlock *tb, X86Emit *e, ptrdiff_t rx_delta,
                         const JitTarget *t)
{
    g_autofree Ctx *c = g_new0(Ctx, 1);
    uint8_t *pending[2];
    const DecodedInsn *last = &tb->insns[tb->n - 1];

    c->e = e;
    c->tb = tb;
    c->t = t;
    c->rx_delta = rx_delta;
    for (int i = 0; i < 2; i++) {
        tb->jmp_rel[i] = NULL;
        tb->jmp_stub[i] = NULL;
        tb->jmp_dest[i] = NULL;
    }
    /*
     * Entry: leave at once when the hart must stop or its slice is over.
     * Unchained blocks always return to the loop, which checks the same.
     */
    pending[0] = pending[1] = NULL;
    if (t->chain) {
        x86_alu_mi(e, W32, ALU_CMP, RBX, ENV(pending_flags), 0);
        pending[0] = x86_jcc(e, CC_NE);
        x86_alu_mi(e, W32, ALU_SUB, RBX, ENV(exec_budget), 1);
        pending[1] = x86_jcc(e, CC_S);
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
    if (t->chain) {
        patch_here(c, pending[0]);
        patch_here(c, pending[1]);
        set_pc(c, tb->pc);
        exit_kind(c, JIT_EXIT_PENDING);
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
