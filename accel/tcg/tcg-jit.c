/*
 * The translator's glue: options, the code buffer, running blocks,
 * chaining and unchaining, and the -d out_asm / op logs. The host code
 * itself comes from the backend (tcg/x86_64/).
 *
 * Chaining: a block's direct exit to a guest pc in its own page starts as
 * a jump to a stub that returns to the dispatcher; the dispatcher then
 * patches it to jump straight into the block it found for that pc.
 * Chained jumps into a block are recorded in it (jmp_in) so invalidating
 * the block points them back at their stubs.
 */
#include "qemu/osdep.h"
#include "qemu/log.h"
#include "qemu/cutils.h"
#include "accel/tcg/tcg-jit.h"
#include "exec/cpu-ldst.h"
#include "accel/tcg/code-buffer.h"
#include "accel/tcg/tcg-cpu-ops.h"
#include "tcg/x86_64/translate.h"
#include <capstone/capstone.h>

#define DEFAULT_TB_SIZE_MIB 256

typedef uintptr_t JitEnterFn(CPUArchState *env, const void *code);

static struct {
    bool interp;      /* -accel tcg,interp=on */
    uint64_t tb_size; /* bytes, 0: default */
    bool init_done;
    bool usable;       /* the code buffer is mapped */
    JitEnterFn *enter; /* the trampoline (executable) */
    const void *epilogue;
} jit;

uint32_t jit_hot_count = 8;
static enum { THREAD_AUTO, THREAD_SINGLE, THREAD_MULTI } thread_mode;

bool tcg_thread_multi(unsigned ncpus)
{
    if (thread_mode == THREAD_AUTO) {
        long cores = sysconf(_SC_NPROCESSORS_ONLN);

        return cores < 1 || ncpus <= (unsigned long)cores;
    }
    return thread_mode == THREAD_MULTI;
}

bool tcg_accel_set_option(const char *key, const char *value, GError **errp)
{
    if (!strcmp(key, "jit-hot")) {
        uint64_t n;

        if (!value || !qemu_strtou64(value, &n) || n < 1 || n > 1000000) {
            g_set_error(errp, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                        "Parameter 'jit-hot' expects a number from 1 to "
                        "1000000");
            return false;
        }
        jit_hot_count = n;
    } else if (!strcmp(key, "interp")) {
        if (!g_strcmp0(value, "on")) {
            jit.interp = true;
        } else if (!g_strcmp0(value, "off")) {
            jit.interp = false;
        } else {
            g_set_error(errp, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                        "Parameter 'interp' expects 'on' or 'off'");
            return false;
        }
    } else if (!strcmp(key, "tb-size")) {
        uint64_t mib;

        if (!value || !qemu_strtosz_MiB(value, &mib) || mib < (1 << 20) ||
            mib > (2048ULL << 20)) {
            g_set_error(errp, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                        "Parameter 'tb-size' expects a size in MiB "
                        "from 1 to 2048");
            return false;
        }
        jit.tb_size = mib;
    } else if (!strcmp(key, "split-wx") || !strcmp(key, "one-insn-per-tb")) {
        /* The code buffer is always split (W^X); blocks are never cut to
         * one instruction: both accepted as QEMU does, nothing to do. */
    } else if (!strcmp(key, "thread")) {
        if (!g_strcmp0(value, "single") || !g_strcmp0(value, "multi")) {
            thread_mode =
                !strcmp(value, "multi") ? THREAD_MULTI : THREAD_SINGLE;
        } else {
            g_set_error(errp, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                        "Parameter 'thread' expects 'single' or 'multi'");
            return false;
        }
    } else {
        g_set_error(errp, G_OPTION_ERROR, G_OPTION_ERROR_UNKNOWN_OPTION,
                    "Property 'tcg-accel.%s' not found", key);
        return false;
    }
    return true;
}

static void jit_init(void)
{
    g_autoptr(GError) err = NULL;
    size_t room;
    uint8_t *rw, *epilogue;
    X86Emit e;

    jit.init_done = true;
    if (jit.interp) {
        return;
    }
    if (!code_buffer_init(jit.tb_size ? jit.tb_size
                                      : (uint64_t)DEFAULT_TB_SIZE_MIB << 20,
                          &err)) {
        /* Not fatal: the interpreter runs everything. */
        qemu_log_mask(LOG_UNIMP, "translator off: %s\n", err->message);
        return;
    }
    rw = code_buffer_next(&room);
    e = (X86Emit){ .p = rw, .end = rw + room };
    epilogue = x86_emit_trampoline(&e);
    g_assert(!e.overflow);
    code_buffer_commit(e.p - rw);
    code_buffer_keep();
    jit.enter = (JitEnterFn *)code_buffer_rx(rw);
    jit.epilogue = code_buffer_rx(epilogue);
    jit.usable = true;
}

bool jit_enabled(void)
{
    if (!jit.init_done) {
        jit_init();
    }
    return jit.usable;
}

static void log_out_asm(TranslationBlock *tb)
{
    csh cs;
    cs_insn *insn;
    size_t count;

    if (cs_open(CS_ARCH_X86, CS_MODE_64, &cs) != CS_ERR_OK) {
        qemu_log("OUT: [size=%u] (capstone unavailable)\n", tb->code_size);
        return;
    }
    count =
        cs_disasm(cs, tb->code, tb->code_size, (uintptr_t)tb->code, 0, &insn);
    qemu_log("OUT: [size=%u]\n", tb->code_size);
    for (size_t i = 0; i < count; i++) {
        qemu_log("0x%" PRIx64 ":  %-6s %s\n", insn[i].address, insn[i].mnemonic,
                 insn[i].op_str);
    }
    qemu_log("\n");
    if (count) {
        cs_free(insn, count);
    }
    cs_close(&cs);
}

static void log_op(TranslationBlock *tb)
{
    char buf[128];

    qemu_log("OP: block 0x%016" PRIx64 " flags 0x%x, %u insns\n", tb->pc,
             tb->flags, tb->n);
    for (uint32_t i = 0; i < tb->n; i++) {
        tcg_cpu_ops->disas(tb->insns[i].pc, tb->insns[i].raw, buf, sizeof(buf));
        qemu_log(" %2u 0x%016" PRIx64 "  %-14s %s\n", i, tb->insns[i].pc,
                 x86_insn_kind(&tb->insns[i]), buf);
    }
    for (int i = 0; i < 2; i++) {
        if (tb->jmp_rel[i]) {
            qemu_log(" exit %d: chainable to 0x%016" PRIx64 "\n", i,
                     tb->jmp_pc[i]);
        }
    }
    qemu_log("\n");
}

/* One attempt at translating into what is left of the buffer. */
static bool jit_emit(CPUArchState *env, TranslationBlock *tb)
{
    size_t room;
    uint8_t *rw = code_buffer_next(&room);
    X86Emit e = { .p = rw, .end = rw + room };
    JitTarget t = {
        .epilogue = jit.epilogue,
        /* With per-block logs every block returns to the loop. */
        .chain = !qemu_loglevel_mask(CPU_LOG_EXEC | CPU_LOG_TB_CPU),
        .mmu_idx = env->data_mmu_idx,
        .rvc = cpu_jit_insn_align2(env),
    };

    if (!x86_translate_block(tb, &e, code_buffer_rx_delta(), &t)) {
        return false;
    }
    tb->code_size = e.p - rw;
    code_buffer_commit(tb->code_size);
    /* Published last: other threads read it without the lock. */
    __atomic_store_n(&tb->code, code_buffer_rx(rw), __ATOMIC_RELEASE);
    return true;
}

void jit_translate(CPUArchState *env, TranslationBlock *tb)
{
    if (!jit_enabled()) {
        return;
    }
    tb_lock();
    /* Another thread may have translated or dropped it meanwhile; after
     * a flush nothing is translated until the old code is freed. */
    if (tb->code || tb->invalid || tb_flush_is_pending()) {
        tb_unlock();
        return;
    }
    if (!jit_emit(env, tb)) {
        /* The buffer is full: drop every block (tb too, which runs
         * interpreted once more) and start afresh when they are freed. */
        qemu_log_mask(CPU_LOG_TB_OUT_ASM, "code buffer full: flushing\n");
        tb->code = NULL;
        tb_flush_locked();
        tb_unlock();
        return;
    }
    if (qemu_loglevel_mask(CPU_LOG_TB_OP)) {
        log_op(tb);
    }
    if (qemu_loglevel_mask(CPU_LOG_TB_OUT_ASM)) {
        log_out_asm(tb);
    }
    tb_unlock();
}

uintptr_t jit_exec(CPUArchState *env, TranslationBlock *tb)
{
    return jit.enter(env, tb->code);
}

/*
 * Patch a direct jump while other threads may run it: its 4-byte offset
 * is aligned (translate.c), so one store replaces it whole and the host
 * fetches either the old or the new jump.
 */
static void jmp_set(TranslationBlock *tb, int slot, const void *target)
{
    uint8_t *at = tb->jmp_rel[slot];
    int64_t rel =
        (intptr_t)target - ((intptr_t)at + code_buffer_rx_delta() + 4);

    g_assert(rel == (int32_t)rel && !((uintptr_t)at & 3));
    __atomic_store_n((int32_t *)at, (int32_t)rel, __ATOMIC_RELEASE);
}

void jit_chain(TranslationBlock *from, int slot, TranslationBlock *to)
{
    tb_lock();
    if (!from->jmp_rel[slot] || from->jmp_dest[slot] || !to->code ||
        from->invalid || to->invalid || to->pc != from->jmp_pc[slot] ||
        to->flags != from->flags) {
        tb_unlock();
        return;
    }
    /* A loop back to the block's own start skips its register loads. */
    jmp_set(from, slot, from == to && to->loop_head ? to->loop_head : to->code);
    from->jmp_dest[slot] = to;
    if (!to->jmp_in) {
        to->jmp_in = g_ptr_array_new();
    }
    g_ptr_array_add(to->jmp_in, (void *)((uintptr_t)from | slot));
    tb_unlock();
}

void jit_unlink(TranslationBlock *tb)
{
    for (guint i = 0; tb->jmp_in && i < tb->jmp_in->len; i++) {
        uintptr_t v = (uintptr_t)tb->jmp_in->pdata[i];
        TranslationBlock *src = (TranslationBlock *)(v & ~(uintptr_t)3);
        int slot = v & 3;

        if (src->jmp_dest[slot] == tb) {
            jmp_set(src, slot, src->jmp_stub[slot]);
            src->jmp_dest[slot] = NULL;
        }
    }
    if (tb->jmp_in) {
        g_ptr_array_set_size(tb->jmp_in, 0);
    }
    for (int slot = 0; slot < 2; slot++) {
        TranslationBlock *dest = tb->jmp_dest[slot];

        if (dest) {
            g_ptr_array_remove_fast(dest->jmp_in,
                                    (void *)((uintptr_t)tb | slot));
            jmp_set(tb, slot, tb->jmp_stub[slot]);
            tb->jmp_dest[slot] = NULL;
        }
    }
}

void jit_flush(void)
{
    if (jit.usable) {
        code_buffer_reset();
    }
}
