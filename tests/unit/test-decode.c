/*
 * The instruction decoder and disassembler: known encodings (from the
 * ISA manual, cross-checked with GNU as/objdump) decode to the right
 * handler and operands; reserved, unknown and disabled encodings decode
 * to exec_illegal; disassembly matches `objdump -M no-aliases` up to the
 * documented formatting (docs/decode-format.md).
 */
#include "qemu/osdep.h"
#include "target/riscv/translate.h"

/* Handlers the cases below expect (defined in the handler files). */
InsnFn exec_lui, exec_auipc, exec_jal, exec_jalr, exec_beq, exec_bne, exec_bgeu,
    exec_lw, exec_ld, exec_sw, exec_sd, exec_addi, exec_addiw, exec_andi,
    exec_slli, exec_srli, exec_srai, exec_add, exec_sub, exec_subw, exec_fence,
    exec_fence_i, exec_ecall, exec_ebreak, exec_mret, exec_sret, exec_wfi,
    exec_sfence_vma, exec_csrrw, exec_csrrs, exec_csrrci, exec_mul, exec_mulhsu,
    exec_lr_w, exec_sc_d, exec_amoadd_w, exec_flw, exec_fld, exec_fsd,
    exec_fmadd_s, exec_fnmsub_d, exec_fsqrt_s, exec_fadd_s, exec_fcvt_w_s,
    exec_fmv_x_w, exec_add_uw, exec_slli_uw, exec_sh1add, exec_clz, exec_rev8,
    exec_bexti, exec_bset, exec_zext_h, exec_clmul, exec_clmulr, exec_pack,
    exec_packw, exec_brev8, exec_xperm8, exec_andn, exec_pause, exec_flh,
    exec_fmv_x_h, exec_fadd_h, exec_cbo_zero, exec_cbo_clean, exec_cbo_inval;

#define PC    0x80000000ULL
#define SINK  32
#define END   DECODE_ENDS_BLOCK
#define FS_ON 4 /* riscv_tb_flags() bit for mstatus.FS != Off */

typedef struct DecodeCase {
    const char *what;
    uint32_t raw;
    InsnFn *fn;
    uint8_t rd, rs1, rs2, rs3;
    int64_t imm;
    uint8_t rm, flags;
} DecodeCase;

/* what, raw, handler, rd, rs1, rs2, rs3, imm, rm, flags */
static const DecodeCase decode_cases[] = {
    { "addi a0,a1,-5", 0xffb58513, exec_addi, 10, 11, 0, 0, -5, 0, 0 },
    { "lui a0,0x12345", 0x12345537, exec_lui, 10, 0, 0, 0, 0x12345000, 0, 0 },
    { "auipc t0,0xfffff", 0xfffff297, exec_auipc, 5, 0, 0, 0, -4096, 0, 0 },
    { "jal ra,+2048", 0x001000ef, exec_jal, 1, 0, 0, 0, 2048, 0, END },
    { "jalr zero,0(ra)", 0x00008067, exec_jalr, SINK, 1, 0, 0, 0, 0, END },
    { "beq a0,a1,-16", 0xfeb508e3, exec_beq, SINK, 10, 11, 0, -16, 0, END },
    { "bgeu t1,t2,+4094", 0x7e737fe3, exec_bgeu, SINK, 6, 7, 0, 4094, 0, END },
    { "lw s1,-8(sp)", 0xff812483, exec_lw, 9, 2, 0, 0, -8, 0, 0 },
    { "sd ra,-2048(sp)", 0x80113023, exec_sd, SINK, 2, 1, 0, -2048, 0, 0 },
    { "slli a0,a0,63", 0x03f51513, exec_slli, 10, 10, 0, 0, 63, 0, 0 },
    { "srai t0,t1,33", 0x42135293, exec_srai, 5, 6, 0, 0, 33, 0, 0 },
    { "addi x0 (nop)", 0x00000013, exec_addi, SINK, 0, 0, 0, 0, 0, 0 },
    { "fence iorw,iorw", 0x0ff0000f, exec_fence, SINK, 0, 0, 0, 0xff, 0, 0 },
    { "fence.tso (hint)", 0x8330000f, exec_fence, SINK, 0, 0, 0, 0x833, 0, 0 },
    { "pause (Zihintpause)", 0x0100000f, exec_pause, SINK, 0, 0, 0, 0, 0, 0 },
    { "fence.i", 0x0000100f, exec_fence_i, SINK, 0, 0, 0, 0, 0, END },
    { "ecall", 0x00000073, exec_ecall, SINK, 0, 0, 0, 0, 0, END },
    { "ebreak", 0x00100073, exec_ebreak, SINK, 0, 0, 0, 0, 0, END },
    { "mret", 0x30200073, exec_mret, SINK, 0, 0, 0, 0, 0, END },
    { "sret", 0x10200073, exec_sret, SINK, 0, 0, 0, 0, 0, END },
    { "wfi", 0x10500073, exec_wfi, SINK, 0, 0, 0, 0, 0, END },
    { "sfence.vma a0,a1", 0x12b50073, exec_sfence_vma, SINK, 10, 11, 0, 0, 0,
      END },
    { "csrrw a0,mstatus,a1", 0x30059573, exec_csrrw, 10, 11, 0, 0, 0x300, 0,
      END },
    { "csrrs zero,mepc,t0", 0x3412a073, exec_csrrs, SINK, 5, 0, 0, 0x341, 0,
      END },
    { "csrrci a5,sstatus,8", 0x100477f3, exec_csrrci, 15, 8, 0, 0, 0x100, 0,
      END },
    { "mulhsu a0,a1,a2", 0x02c5a533, exec_mulhsu, 10, 11, 12, 0, 0, 0, 0 },
    { "lr.w.aq a0,(a1)", 0x1405a52f, exec_lr_w, 10, 11, 0, 0, 0, 2, 0 },
    { "sc.d.rl a0,a2,(a1)", 0x1ac5b52f, exec_sc_d, 10, 11, 12, 0, 0, 1, 0 },
    { "amoadd.w.aqrl a0,a2,(a1)", 0x06c5a52f, exec_amoadd_w, 10, 11, 12, 0, 0,
      3, 0 },
    { "flw fa0,4(a0)", 0x00452507, exec_flw, 10, 10, 0, 0, 4, 0, 0 },
    { "fsd fs0,-16(sp)", 0xfe813827, exec_fsd, SINK, 2, 8, 0, -16, 0, 0 },
    { "fmadd.s fa0,fa1,fa2,fa3", 0x68c5f543, exec_fmadd_s, 10, 11, 12, 13, 0, 7,
      0 },
    /* FP destination f0 stays 0: only x0 becomes the sink. */
    { "fnmsub.d ft0,ft1,ft2,ft3,rtz", 0x1a20904b, exec_fnmsub_d, 0, 1, 2, 3, 0,
      1, 0 },
    { "fsqrt.s ft0,ft1", 0x5800f053, exec_fsqrt_s, 0, 1, 0, 0, 0, 7, 0 },
    { "fcvt.w.s a0,fa0,rtz", 0xc0051553, exec_fcvt_w_s, 10, 10, 0, 0, 0, 1, 0 },
    { "fmv.x.w a0,fa0", 0xe0050553, exec_fmv_x_w, 10, 10, 0, 0, 0, 0, 0 },
    { "zext.w a0,a1 = add.uw", 0x0805853b, exec_add_uw, 10, 11, 0, 0, 0, 0, 0 },
    { "slli.uw a0,a1,40", 0x0a85951b, exec_slli_uw, 10, 11, 0, 0, 40, 0, 0 },
    { "rev8 a0,a1", 0x6b85d513, exec_rev8, 10, 11, 0, 0, 0, 0, 0 },
    { "bexti a0,a1,63", 0x4bf5d513, exec_bexti, 10, 11, 0, 0, 63, 0, 0 },
    { "zext.h a0,a1", 0x0805c53b, exec_zext_h, 10, 11, 0, 0, 0, 0, 0 },

    /* RVC: the 32-bit expansion's handler and operands. */
    { "c.addi4spn a0,sp,16", 0x0808, exec_addi, 10, 2, 0, 0, 16, 0, 0 },
    { "c.fld fa0,8(a1)", 0x2588, exec_fld, 10, 11, 0, 0, 8, 0, 0 },
    { "c.lw a0,124(a1)", 0x5de8, exec_lw, 10, 11, 0, 0, 124, 0, 0 },
    { "c.ld s0,248(a5)", 0x7fe0, exec_ld, 8, 15, 0, 0, 248, 0, 0 },
    { "c.sw a5,4(s0)", 0xc05c, exec_sw, SINK, 8, 15, 0, 4, 0, 0 },
    { "c.nop", 0x0001, exec_addi, SINK, 0, 0, 0, 0, 0, 0 },
    { "c.nop 5 (hint)", 0x0015, exec_addi, SINK, 0, 0, 0, 5, 0, 0 },
    { "c.addi a0,-32", 0x1501, exec_addi, 10, 10, 0, 0, -32, 0, 0 },
    { "c.addiw a0,1", 0x2505, exec_addiw, 10, 10, 0, 0, 1, 0, 0 },
    { "c.li t0,-1", 0x52fd, exec_addi, 5, 0, 0, 0, -1, 0, 0 },
    { "c.li zero,1 (hint)", 0x4005, exec_addi, SINK, 0, 0, 0, 1, 0, 0 },
    { "c.addi16sp sp,-512", 0x7101, exec_addi, 2, 2, 0, 0, -512, 0, 0 },
    { "c.lui a0,0xfffe0", 0x7501, exec_lui, 10, 0, 0, 0, -0x20000, 0, 0 },
    { "c.lui s1,0x1", 0x6485, exec_lui, 9, 0, 0, 0, 0x1000, 0, 0 },
    { "c.srli a0,63", 0x917d, exec_srli, 10, 10, 0, 0, 63, 0, 0 },
    { "c.srai a1,1", 0x8585, exec_srai, 11, 11, 0, 0, 1, 0, 0 },
    { "c.andi a2,-1", 0x9a7d, exec_andi, 12, 12, 0, 0, -1, 0, 0 },
    { "c.sub a0,a1", 0x8d0d, exec_sub, 10, 10, 11, 0, 0, 0, 0 },
    { "c.subw a0,a1", 0x9d0d, exec_subw, 10, 10, 11, 0, 0, 0, 0 },
    { "c.j -2048", 0xb001, exec_jal, SINK, 0, 0, 0, -2048, 0, END },
    { "c.beqz a0,+254", 0xcd7d, exec_beq, SINK, 10, 0, 0, 254, 0, END },
    { "c.bnez s1,-256", 0xf081, exec_bne, SINK, 9, 0, 0, -256, 0, END },
    { "c.slli t0,63", 0x12fe, exec_slli, 5, 5, 0, 0, 63, 0, 0 },
    { "c.fldsp fs0,504(sp)", 0x347e, exec_fld, 8, 2, 0, 0, 504, 0, 0 },
    { "c.lwsp ra,252(sp)", 0x50fe, exec_lw, 1, 2, 0, 0, 252, 0, 0 },
    { "c.ldsp ra,8(sp)", 0x60a2, exec_ld, 1, 2, 0, 0, 8, 0, 0 },
    { "c.jr ra", 0x8082, exec_jalr, SINK, 1, 0, 0, 0, 0, END },
    { "c.mv a0,a1", 0x852e, exec_add, 10, 0, 11, 0, 0, 0, 0 },
    { "c.ebreak", 0x9002, exec_ebreak, SINK, 0, 0, 0, 0, 0, END },
    { "c.jalr t0", 0x9282, exec_jalr, 1, 5, 0, 0, 0, 0, END },
    { "c.add a0,a1", 0x952e, exec_add, 10, 10, 11, 0, 0, 0, 0 },
    { "c.fsdsp fa0,16(sp)", 0xa82a, exec_fsd, SINK, 2, 10, 0, 16, 0, 0 },
    { "c.swsp a0,252(sp)", 0xdfaa, exec_sw, SINK, 2, 10, 0, 252, 0, 0 },
    { "c.sdsp ra,504(sp)", 0xff86, exec_sd, SINK, 2, 1, 0, 504, 0, 0 },
};

static RISCVCPU *new_cpu(void)
{
    RISCVCPU *cpu = g_new0(RISCVCPU, 1);

    cpu->env.misa =
        MISA_MXL_RV64 | RVI | RVM | RVA | RVF | RVD | RVC | RVS | RVU;
    cpu->env.priv = PRV_M;
    cpu->cfg.ext_zicsr = cpu->cfg.ext_zifencei = true;
    cpu->cfg.ext_zba = cpu->cfg.ext_zbb = cpu->cfg.ext_zbs = true;
    return cpu;
}

static int decode(CPURISCVState *env, uint32_t flags, uint32_t raw,
                  DecodedInsn *d)
{
    return riscv_decode(env, flags, PC, raw & 0xffff, raw >> 16, d);
}

static void test_known_encodings(void)
{
    g_autofree RISCVCPU *cpu = new_cpu();

    for (size_t i = 0; i < G_N_ELEMENTS(decode_cases); i++) {
        const DecodeCase *c = &decode_cases[i];
        int len = (c->raw & 3) == 3 ? 4 : 2;
        DecodedInsn d;

        g_test_message("%s (0x%08x)", c->what, c->raw);
        g_assert_cmpint(decode(&cpu->env, FS_ON, c->raw, &d), ==, len);
        g_assert_true(d.fn == c->fn);
        g_assert_cmpuint(d.len, ==, len);
        g_assert_cmpuint(d.raw, ==, c->raw);
        g_assert_cmpuint(d.pc, ==, PC);
        g_assert_cmpuint(d.rd, ==, c->rd);
        g_assert_cmpuint(d.rs1, ==, c->rs1);
        g_assert_cmpuint(d.rs2, ==, c->rs2);
        g_assert_cmpuint(d.rs3, ==, c->rs3);
        g_assert_cmpint(d.imm, ==, c->imm);
        g_assert_cmpuint(d.rm, ==, c->rm);
        g_assert_cmpuint(d.flags, ==, c->flags);
    }
}

static void assert_illegal(CPURISCVState *env, uint32_t flags, uint32_t raw)
{
    DecodedInsn d;
    int len = (raw & 3) == 3 ? 4 : 2;

    g_test_message("illegal? 0x%08x", raw);
    g_assert_cmpint(decode(env, flags, raw, &d), ==, len);
    g_assert_true(d.fn == exec_illegal);
    g_assert_cmpuint(d.raw, ==, raw);
    g_assert_cmpuint(d.len, ==, len);
}

static void assert_decodes_to(CPURISCVState *env, uint32_t flags, uint32_t raw,
                              InsnFn *fn)
{
    DecodedInsn d;

    g_test_message("legal? 0x%08x", raw);
    decode(env, flags, raw, &d);
    g_assert_true(d.fn == fn);
}

static void test_reserved_compressed(void)
{
    g_autofree RISCVCPU *cpu = new_cpu();
    static const uint16_t reserved[] = {
        0x0000, /* all zeros: c.addi4spn with nzuimm 0 */
        0x0004, /* c.addi4spn a1,sp,0 */
        0x8000, /* quadrant 0, funct3 100 */
        0x9ffc, /* quadrant 0, funct3 100, other bits set */
        0x2005, /* c.addiw with rd = x0 */
        0x6101, /* c.addi16sp with nzimm 0 */
        0x6501, /* c.lui a0 with nzimm 0 */
        0x6001, /* c.lui x0 with nzimm 0 */
        0x9c41, /* 100 1 11 --- 10 --- 01 */
        0x9c61, /* 100 1 11 --- 11 --- 01 */
        0x9fe5, /* 100 1 11 --- 11 --- 01, other registers */
        0x4002, /* c.lwsp with rd = x0 */
        0x6002, /* c.ldsp with rd = x0 */
        0x8002, /* c.jr with rs1 = x0 */
    };

    for (size_t i = 0; i < G_N_ELEMENTS(reserved); i++) {
        assert_illegal(&cpu->env, FS_ON, reserved[i]);
    }
}

static void test_unknown_32bit(void)
{
    g_autofree RISCVCPU *cpu = new_cpu();
    static const uint32_t unknown[] = {
        0xffffffff,             /* not a 32-bit encoding (longer instruction) */
        0x0000007f, 0x0000001f, /* 48/64-bit prefixes */
        0x00007003,             /* load funct3 111 */
        0x00004023,             /* store funct3 100 */
        0x80000033,             /* OP funct7 1000000 */
        0x04051513,             /* OP-IMM funct3 001, funct6 000001 */
        0x0200101b,             /* slliw with shamt[5] set */
        0x00200073,             /* SYSTEM 0x002 (uret, gone) */
        0x0000402f,             /* AMO funct3 100 */
        0x1015a52f,             /* lr.w with rs2 != 0 */
        0x0600007b,             /* custom-3 */
        0x06000053,             /* fadd.q: Q is not supported */
        0xe0051553, /* fmv.x.w with funct3 001 on rs2 0: fclass, so... */
    };

    /* (The last one is fclass.s: check it is not illegal, for contrast.) */
    for (size_t i = 0; i + 1 < G_N_ELEMENTS(unknown); i++) {
        assert_illegal(&cpu->env, FS_ON, unknown[i]);
    }
    {
        DecodedInsn d;

        decode(&cpu->env, FS_ON, unknown[G_N_ELEMENTS(unknown) - 1], &d);
        g_assert_false(d.fn == exec_illegal);
    }
}

static void test_extension_disabled(void)
{
    g_autofree RISCVCPU *cpu = new_cpu();
    CPURISCVState *env = &cpu->env;

    /* Enabled: legal. */
    assert_decodes_to(env, FS_ON, 0x02c58533, exec_mul);
    assert_decodes_to(env, FS_ON, 0x06c5a52f, exec_amoadd_w);

    env->misa &= ~RVM;
    assert_illegal(env, FS_ON, 0x02c58533); /* mul a0,a1,a2 */
    env->misa &= ~RVA;
    assert_illegal(env, FS_ON, 0x06c5a52f); /* amoadd.w.aqrl */
    assert_illegal(env, FS_ON, 0x1405a52f); /* lr.w.aq */
    env->misa &= ~RVD;
    assert_illegal(env, FS_ON, 0xfe813827);              /* fsd */
    assert_illegal(env, FS_ON, 0x2588);                  /* c.fld */
    assert_illegal(env, FS_ON, 0xa82a);                  /* c.fsdsp */
    assert_decodes_to(env, FS_ON, 0x00452507, exec_flw); /* F still on */
    env->misa &= ~RVF;
    assert_illegal(env, FS_ON, 0x00452507);           /* flw */
    assert_illegal(env, FS_ON, 0x00c58553);           /* fadd.s */
    assert_decodes_to(env, FS_ON, 0x0808, exec_addi); /* C still on */
    env->misa &= ~RVC;
    assert_illegal(env, FS_ON, 0x0808);                   /* c.addi4spn */
    assert_illegal(env, FS_ON, 0x8082);                   /* c.jr */
    assert_decodes_to(env, FS_ON, 0xffb58513, exec_addi); /* I stays */

    assert_decodes_to(env, FS_ON, 0x20c5a533, exec_sh1add);
    cpu->cfg.ext_zba = false;
    assert_illegal(env, FS_ON, 0x20c5a533); /* sh1add */
    assert_illegal(env, FS_ON, 0x0805853b); /* add.uw */
    cpu->cfg.ext_zbb = false;
    assert_illegal(env, FS_ON, 0x60059513); /* clz */
    assert_illegal(env, FS_ON, 0x6b85d513); /* rev8 */
    assert_illegal(env, FS_ON, 0x0805c53b); /* zext.h */
    cpu->cfg.ext_zbs = false;
    assert_illegal(env, FS_ON, 0x28c59533); /* bset */
    assert_illegal(env, FS_ON, 0x4bf5d513); /* bexti */
    cpu->cfg.ext_zicsr = false;
    assert_illegal(env, FS_ON, 0x30059573); /* csrrw */
    assert_illegal(env, FS_ON, 0x100477f3); /* csrrci */
    cpu->cfg.ext_zifencei = false;
    assert_illegal(env, FS_ON, 0x0000100f);                /* fence.i */
    assert_decodes_to(env, FS_ON, 0x0ff0000f, exec_fence); /* base I */
}

/* Instructions that several extensions share need any one of them. */
static void test_shared_extensions(void)
{
    g_autofree RISCVCPU *cpu = new_cpu();
    CPURISCVState *env = &cpu->env;

    cpu->cfg.ext_zbb = false;
    assert_illegal(env, FS_ON, 0x0ac59533); /* clmul: no Zbc, no Zbkc */
    assert_illegal(env, FS_ON, 0x08c5c533); /* pack: no Zbkb */
    assert_illegal(env, FS_ON, 0x6b85d513); /* rev8: no Zbb, no Zbkb */
    assert_illegal(env, FS_ON, 0x28c5c533); /* xperm8: no Zbkx */
    cpu->cfg.ext_zbkc = true;
    assert_decodes_to(env, FS_ON, 0x0ac59533, exec_clmul);
    assert_illegal(env, FS_ON, 0x0ac5a533); /* clmulr is Zbc only */
    cpu->cfg.ext_zbkc = false;
    cpu->cfg.ext_zbc = true;
    assert_decodes_to(env, FS_ON, 0x0ac5a533, exec_clmulr);
    cpu->cfg.ext_zbkb = true;
    assert_decodes_to(env, FS_ON, 0x08c5c533, exec_pack);
    assert_decodes_to(env, FS_ON, 0x08c5c53b, exec_packw);
    assert_decodes_to(env, FS_ON, 0x6875d513, exec_brev8);
    assert_decodes_to(env, FS_ON, 0x6b85d513, exec_rev8);
    assert_decodes_to(env, FS_ON, 0x40c5f533, exec_andn);
    assert_decodes_to(env, FS_ON, 0x0805c53b, exec_zext_h); /* packw x0 */
    assert_illegal(env, FS_ON, 0x60059513); /* clz is Zbb only */
    cpu->cfg.ext_zbkx = true;
    assert_decodes_to(env, FS_ON, 0x28c5c533, exec_xperm8);
    /* Zfhmin: loads, stores, moves, conversions; Zfh: the arithmetic. */
    assert_illegal(env, FS_ON, 0x00051507); /* flh fa0,0(a0) */
    assert_illegal(env, FS_ON, 0xe4050553); /* fmv.x.h a0,fa0 */
    cpu->cfg.ext_zfhmin = true;
    assert_decodes_to(env, FS_ON, 0x00051507, exec_flh);
    assert_decodes_to(env, FS_ON, 0xe4050553, exec_fmv_x_h);
    assert_illegal(env, FS_ON, 0x04c5f553); /* fadd.h needs Zfh */
    cpu->cfg.ext_zfh = true;
    assert_decodes_to(env, FS_ON, 0x04c5f553, exec_fadd_h);
    assert_illegal(env, 0, 0x04c5f553); /* FS off */
    /* Zicbom and Zicboz. */
    assert_illegal(env, FS_ON, 0x0045200f); /* cbo.zero (a0) */
    assert_illegal(env, FS_ON, 0x0015200f); /* cbo.clean (a0) */
    cpu->cfg.ext_zicboz = true;
    assert_decodes_to(env, FS_ON, 0x0045200f, exec_cbo_zero);
    assert_illegal(env, FS_ON, 0x0015200f);
    cpu->cfg.ext_zicbom = true;
    assert_decodes_to(env, FS_ON, 0x0015200f, exec_cbo_clean);
    assert_decodes_to(env, FS_ON, 0x0005200f, exec_cbo_inval);
    /* pause: a FENCE hint, legal with or without Zihintpause. */
    assert_decodes_to(env, FS_ON, 0x0100000f, exec_pause);
}

static void test_fs_off(void)
{
    g_autofree RISCVCPU *cpu = new_cpu();
    CPURISCVState *env = &cpu->env;
    static const uint32_t fp[] = {
        0x00452507, /* flw */
        0xfe813827, /* fsd */
        0x00c58553, /* fadd.s */
        0x68c5f543, /* fmadd.s */
        0xe0050553, /* fmv.x.w */
        0xc0051553, /* fcvt.w.s */
        0x2588,     /* c.fld */
        0x347e,     /* c.fldsp */
        0xa82a,     /* c.fsdsp */
    };

    for (size_t i = 0; i < G_N_ELEMENTS(fp); i++) {
        DecodedInsn d;

        decode(env, FS_ON, fp[i], &d);
        g_assert_false(d.fn == exec_illegal);
        assert_illegal(env, PRV_M, fp[i]);
    }
    /* Integer instructions do not care. */
    assert_decodes_to(env, PRV_M, 0xffb58513, exec_addi);
    assert_decodes_to(env, PRV_S, 0x5de8, exec_lw);
}

static void test_illegal_raises(void)
{
    g_autofree RISCVCPU *cpu = new_cpu();
    CPURISCVState *env = &cpu->env;
    DecodedInsn d;

    decode(env, FS_ON, 0x8000, &d);
    g_assert_true(d.fn == exec_illegal);
    g_assert_cmpuint(d.flags & DECODE_ENDS_BLOCK, !=, 0);
    env->pc = PC;
    env->exception = RISCV_EXCP_NONE;
    if (sigsetjmp(env->jmp_env, 0) == 0) {
        d.fn(env, &d);
        g_assert_not_reached();
    }
    g_assert_cmpint(env->exception, ==, RISCV_EXCP_ILLEGAL_INST);
    g_assert_cmpuint(env->badaddr, ==, 0x8000);
}

/* Every 16-bit value: legal ones are all length 2 and expand sensibly. */
static void test_all_compressed(void)
{
    g_autofree RISCVCPU *cpu = new_cpu();
    unsigned legal = 0;

    for (uint32_t v = 0; v < 0x10000; v++) {
        DecodedInsn d;

        if ((v & 3) == 3) {
            continue;
        }
        g_assert_cmpint(decode(&cpu->env, FS_ON, v, &d), ==, 2);
        if (d.fn == exec_illegal) {
            continue;
        }
        legal++;
        /* x0 became the sink; f0 (c.fldsp ft0) is a real register. */
        g_assert_true(d.rd != 0 || d.fn == exec_fld);
        g_assert_cmpuint(d.rd, <=, 32);
        g_assert_cmpuint(d.rs1, <, 32);
        g_assert_cmpuint(d.rs2, <, 32);
    }
    /*
     * 49152 non-32-bit values, less the reserved ones: quadrant 0 funct3
     * 100 (2048), c.addi4spn nzuimm 0 (8 rd'), c.addiw x0 (64),
     * c.addi16sp 0 (1), c.lui nzimm 0 (31 rd, not x2), the 2 reserved
     * quadrant-1 rows (2 * 64), c.lwsp/c.ldsp x0 (2 * 64), c.jr x0 (1).
     */
    g_assert_cmpuint(legal, ==, 49152 - 2048 - 8 - 64 - 1 - 31 - 128 - 128 - 1);
}

typedef struct DisasCase {
    uint64_t pc;
    uint32_t raw;
    const char *text;
} DisasCase;

/*
 * From `riscv64-unknown-elf-objdump -d -M no-aliases`, reformatted: ", "
 * between operands, shift amounts in decimal, targets as 0x addresses,
 * and c.nop for objdump's "c.addi zero,0".
 */
static const DisasCase disas_cases[] = {
    { 0x80000000, 0xffb58513, "addi a0, a1, -5" },
    { 0x80000004, 0x12345537, "lui a0, 0x12345" },
    { 0x80000008, 0xfffff297, "auipc t0, 0xfffff" },
    { 0x8000000c, 0x001000ef, "jal ra, 0x8000080c" },
    { 0x80000010, 0x00008067, "jalr zero, 0(ra)" },
    { 0x80000014, 0xfeb508e3, "beq a0, a1, 0x80000004" },
    { 0x80000018, 0x7e737fe3, "bgeu t1, t2, 0x80001016" },
    { 0x8000001c, 0xff812483, "lw s1, -8(sp)" },
    { 0x80000020, 0x7ff5b503, "ld a0, 2047(a1)" },
    { 0x80000024, 0x80113023, "sd ra, -2048(sp)" },
    { 0x80000028, 0x000501a3, "sb zero, 3(a0)" },
    { 0x8000002c, 0x03f51513, "slli a0, a0, 63" },
    { 0x80000030, 0x42135293, "srai t0, t1, 33" },
    { 0x80000034, 0x41f3529b, "sraiw t0, t1, 31" },
    { 0x80000038, 0x40c58533, "sub a0, a1, a2" },
    { 0x8000003c, 0x0149893b, "addw s2, s3, s4" },
    { 0x80000040, 0x0ff0000f, "fence iorw, iorw" },
    { 0x80000044, 0x0210000f, "fence r, w" },
    { 0x80000048, 0x0000100f, "fence.i" },
    { 0x8000004c, 0x00000073, "ecall" },
    { 0x80000050, 0x00100073, "ebreak" },
    { 0x80000054, 0x30200073, "mret" },
    { 0x80000058, 0x10200073, "sret" },
    { 0x8000005c, 0x10500073, "wfi" },
    { 0x80000060, 0x12b50073, "sfence.vma a0, a1" },
    { 0x80000064, 0x30059573, "csrrw a0, mstatus, a1" },
    { 0x80000068, 0x3412a073, "csrrs zero, mepc, t0" },
    { 0x8000006c, 0x100477f3, "csrrci a5, sstatus, 8" },
    { 0x80000070, 0x7c059573, "csrrw a0, 0x7c0, a1" },
    { 0x80000074, 0x02c5a533, "mulhsu a0, a1, a2" },
    { 0x80000078, 0x02f776bb, "remuw a3, a4, a5" },
    { 0x8000007c, 0x1405a52f, "lr.w.aq a0, (a1)" },
    { 0x80000080, 0x1ac5b52f, "sc.d.rl a0, a2, (a1)" },
    { 0x80000084, 0x06c5a52f, "amoadd.w.aqrl a0, a2, (a1)" },
    { 0x80000088, 0xe0e7b6af, "amomaxu.d a3, a4, (a5)" },
    { 0x8000008c, 0x00452507, "flw fa0, 4(a0)" },
    { 0x80000090, 0xfe813827, "fsd fs0, -16(sp)" },
    { 0x80000094, 0x68c5f543, "fmadd.s fa0, fa1, fa2, fa3" },
    { 0x80000098, 0x1a20904b, "fnmsub.d ft0, ft1, ft2, ft3, rtz" },
    { 0x8000009c, 0x02c58553, "fadd.d fa0, fa1, fa2, rne" },
    { 0x800000a0, 0x5800f053, "fsqrt.s ft0, ft1" },
    { 0x800000a4, 0x22c5a553, "fsgnjx.d fa0, fa1, fa2" },
    { 0x800000a8, 0x28c58553, "fmin.s fa0, fa1, fa2" },
    { 0x800000ac, 0xc0051553, "fcvt.w.s a0, fa0, rtz" },
    { 0x800000b0, 0xc2357553, "fcvt.lu.d a0, fa0" },
    { 0x800000b4, 0x4015f553, "fcvt.s.d fa0, fa1" },
    { 0x800000b8, 0x42058553, "fcvt.d.s fa0, fa1" },
    { 0x800000bc, 0xd2050553, "fcvt.d.w fa0, a0" },
    { 0x800000c0, 0xd0257553, "fcvt.s.l fa0, a0" },
    { 0x800000c4, 0xe0050553, "fmv.x.w a0, fa0" },
    { 0x800000c8, 0xf2050553, "fmv.d.x fa0, a0" },
    { 0x800000cc, 0xa2b52553, "feq.d a0, fa0, fa1" },
    { 0x800000d0, 0xe00f9553, "fclass.s a0, ft11" },
    { 0x800000d4, 0x20c5c533, "sh2add a0, a1, a2" },
    { 0x800000d8, 0x0805853b, "add.uw a0, a1, zero" },
    { 0x800000dc, 0x0a85951b, "slli.uw a0, a1, 40" },
    { 0x800000e0, 0x40c5f533, "andn a0, a1, a2" },
    { 0x800000e4, 0x6005951b, "clzw a0, a1" },
    { 0x800000e8, 0x60559513, "sext.h a0, a1" },
    { 0x800000ec, 0x63f5d513, "rori a0, a1, 63" },
    { 0x800000f0, 0x61f5d51b, "roriw a0, a1, 31" },
    { 0x800000f4, 0x2875d513, "orc.b a0, a1" },
    { 0x800000f8, 0x6b85d513, "rev8 a0, a1" },
    { 0x800000fc, 0x0805c53b, "zext.h a0, a1" },
    { 0x80000100, 0x4bf5d513, "bexti a0, a1, 63" },
    { 0x80000104, 0x28c59533, "bset a0, a1, a2" },
    { 0x80000108, 0x0808, "c.addi4spn a0, sp, 16" },
    { 0x8000010a, 0x2588, "c.fld fa0, 8(a1)" },
    { 0x8000010c, 0x5de8, "c.lw a0, 124(a1)" },
    { 0x8000010e, 0x7fe0, "c.ld s0, 248(a5)" },
    { 0x80000110, 0xa204, "c.fsd fs1, 0(a2)" },
    { 0x80000112, 0xc05c, "c.sw a5, 4(s0)" },
    { 0x80000114, 0xe588, "c.sd a0, 8(a1)" },
    { 0x80000116, 0x0001, "c.nop" },
    { 0x80000118, 0x1501, "c.addi a0, -32" },
    { 0x8000011a, 0x2505, "c.addiw a0, 1" },
    { 0x8000011c, 0x52fd, "c.li t0, -1" },
    { 0x8000011e, 0x7101, "c.addi16sp sp, -512" },
    { 0x80000120, 0x7501, "c.lui a0, 0xfffe0" },
    { 0x80000122, 0x6485, "c.lui s1, 0x1" },
    { 0x80000124, 0x917d, "c.srli a0, 63" },
    { 0x80000126, 0x8585, "c.srai a1, 1" },
    { 0x80000128, 0x9a7d, "c.andi a2, -1" },
    { 0x8000012a, 0x8d0d, "c.sub a0, a1" },
    { 0x8000012c, 0x8e35, "c.xor a2, a3" },
    { 0x8000012e, 0x8c45, "c.or s0, s1" },
    { 0x80000130, 0x8f7d, "c.and a4, a5" },
    { 0x80000132, 0x9d0d, "c.subw a0, a1" },
    { 0x80000134, 0x9d2d, "c.addw a0, a1" },
    { 0x80000136, 0xb001, "c.j 0x7ffff936" },
    { 0x80000138, 0xcd7d, "c.beqz a0, 0x80000236" },
    { 0x8000013a, 0xf081, "c.bnez s1, 0x8000003a" },
    { 0x8000013c, 0x12fe, "c.slli t0, 63" },
    { 0x8000013e, 0x347e, "c.fldsp fs0, 504(sp)" },
    { 0x80000140, 0x50fe, "c.lwsp ra, 252(sp)" },
    { 0x80000142, 0x60a2, "c.ldsp ra, 8(sp)" },
    { 0x80000144, 0x8082, "c.jr ra" },
    { 0x80000146, 0x852e, "c.mv a0, a1" },
    { 0x80000148, 0x9002, "c.ebreak" },
    { 0x8000014a, 0x9282, "c.jalr t0" },
    { 0x8000014c, 0x952e, "c.add a0, a1" },
    { 0x8000014e, 0xa82a, "c.fsdsp fa0, 16(sp)" },
    { 0x80000150, 0xdfaa, "c.swsp a0, 252(sp)" },
    { 0x80000152, 0xff86, "c.sdsp ra, 504(sp)" },
    /* Not in objdump's listing above: */
    { 0x80000000, 0x0000, ".insn 0x0000" },
    { 0x80000000, 0x8002, ".insn 0x8002" },
    { 0x80000000, 0x0000007f, ".insn 0x0000007f" },
    { 0x80000000, 0x00c58553, "fadd.s fa0, fa1, fa2, rne" },
    { 0x80000000, 0x00c5f553, "fadd.s fa0, fa1, fa2" },
};

static void test_disas(void)
{
    for (size_t i = 0; i < G_N_ELEMENTS(disas_cases); i++) {
        const DisasCase *c = &disas_cases[i];
        char buf[80];

        riscv_disas(c->pc, c->raw, buf, sizeof(buf));
        g_assert_cmpstr(buf, ==, c->text);
    }
}

static void test_disas_truncates(void)
{
    char buf[8];

    memset(buf, 'x', sizeof(buf));
    riscv_disas(PC, 0x06c5a52f, buf, sizeof(buf)); /* amoadd.w.aqrl ... */
    g_assert_cmpstr(buf, ==, "amoadd.");
    riscv_disas(PC, 0x06c5a52f, buf, 1);
    g_assert_cmpstr(buf, ==, "");
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/decode/known-encodings", test_known_encodings);
    g_test_add_func("/decode/reserved-compressed", test_reserved_compressed);
    g_test_add_func("/decode/unknown-32bit", test_unknown_32bit);
    g_test_add_func("/decode/extension-disabled", test_extension_disabled);
    g_test_add_func("/decode/shared-extensions", test_shared_extensions);
    g_test_add_func("/decode/fs-off", test_fs_off);
    g_test_add_func("/decode/illegal-raises", test_illegal_raises);
    g_test_add_func("/decode/all-compressed", test_all_compressed);
    g_test_add_func("/disas/objdump", test_disas);
    g_test_add_func("/disas/truncates", test_disas_truncates);
    return g_test_run();
}
