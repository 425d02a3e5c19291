/*
 * Instruction decode: find the instruction's pattern in the tables that
 * scripts/decodegen.py generates from insn32.decode and insn16.decode,
 * check that its extension is enabled, and fill a DecodedInsn.
 */
#include "qemu/osdep.h"
#include "target/riscv/translate.h"
#include "target/riscv/insn-handlers.h"

/* riscv_tb_flags(): set when mstatus.FS != Off. */
#define TB_FLAG_FS_ON 4

/* The RISCV_EXT_* bits this hart has enabled. */
static uint32_t riscv_decode_exts(CPURISCVState *env)
{
    const RISCVCPUConfig *cfg = &env_cpu(env)->cfg;
    uint32_t exts = 0;

    exts |= riscv_has_ext(env, RVM) ? RISCV_EXT_M : 0;
    exts |= riscv_has_ext(env, RVA) ? RISCV_EXT_A : 0;
    exts |= riscv_has_ext(env, RVF) ? RISCV_EXT_F : 0;
    exts |= riscv_has_ext(env, RVD) ? RISCV_EXT_D : 0;
    exts |= riscv_has_ext(env, RVC) ? RISCV_EXT_C : 0;
    exts |= cfg->ext_zba ? RISCV_EXT_ZBA : 0;
    exts |= cfg->ext_zbb ? RISCV_EXT_ZBB : 0;
    exts |= cfg->ext_zbs ? RISCV_EXT_ZBS : 0;
    exts |= cfg->ext_zbc ? RISCV_EXT_ZBC : 0;
    exts |= cfg->ext_zbkb ? RISCV_EXT_ZBKB : 0;
    exts |= cfg->ext_zbkc ? RISCV_EXT_ZBKC : 0;
    exts |= cfg->ext_zbkx ? RISCV_EXT_ZBKX : 0;
    exts |= cfg->ext_zfh ? RISCV_EXT_ZFH : 0;
    exts |= cfg->ext_zicbom ? RISCV_EXT_ZICBOM : 0;
    exts |= cfg->ext_zicboz ? RISCV_EXT_ZICBOZ : 0;
    exts |= cfg->ext_zfhmin ? RISCV_EXT_ZFHMIN : 0;
    exts |= cfg->ext_zicsr ? RISCV_EXT_ZICSR : 0;
    exts |= cfg->ext_zifencei ? RISCV_EXT_ZIFENCEI : 0;
    exts |= riscv_has_ext(env, RVH) ? RISCV_EXT_H : 0;
    exts |= cfg->ext_svinval ? RISCV_EXT_SVINVAL : 0;
    return exts;
}

/* Is one of the fields that must not be zero zero (a reserved encoding)? */
static bool riscv_decode_reserved(const RiscvInsnPattern *p,
                                  const DecodedInsn *d)
{
    return ((p->nz & RISCV_NZ_RD) && d->rd == 0) ||
           ((p->nz & RISCV_NZ_RS1) && d->rs1 == 0) ||
           ((p->nz & RISCV_NZ_RS2) && d->rs2 == 0) ||
           ((p->nz & RISCV_NZ_IMM) && d->imm == 0);
}

int riscv_decode(CPURISCVState *env, uint32_t tb_flags, uint64_t pc,
                 uint16_t insn16, uint16_t insn_hi, DecodedInsn *d)
{
    const RiscvInsnPattern *p;
    uint32_t insn, exts = riscv_decode_exts(env);

    memset(d, 0, sizeof(*d));
    d->pc = pc;
    if ((insn16 & 3) == 3) {
        insn = insn16 | ((uint32_t)insn_hi << 16);
        d->len = 4;
        p = riscv_insn_match32(insn);
    } else {
        insn = insn16;
        d->len = 2;
        p = riscv_insn_match16(insn);
    }
    d->raw = insn;

    if (!p || (p->exts & ~exts) || (p->exts_any && !(p->exts_any & exts)) ||
        (p->fp && !(tb_flags & TB_FLAG_FS_ON))) {
        goto illegal;
    }
    p->extract(insn, d);
    if (riscv_decode_reserved(p, d)) {
        goto illegal;
    }
    if (d->rd == 0 && !p->rd_fp) {
        d->rd = 32;
    }
    d->fn = p->fn;
    d->flags = p->flags;
    return d->len;

illegal:
    d->rd = d->rs1 = d->rs2 = d->rs3 = d->rm = 0;
    d->imm = 0;
    d->fn = exec_illegal;
    /* It never falls through: end the block so decoding stops here. */
    d->flags = DECODE_ENDS_BLOCK;
    return d->len;
}

void exec_illegal(CPURISCVState *env, const DecodedInsn *d)
{
    riscv_raise_exception(env, RISCV_EXCP_ILLEGAL_INST, d->raw);
}
