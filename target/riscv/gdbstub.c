/*
 * RISC-V registers, target description and memory for the gdb stub.
 *
 * The description has three features, as gdb's RISC-V support expects:
 * org.gnu.gdb.riscv.cpu (x0-x31 by ABI name, pc), org.gnu.gdb.riscv.fpu
 * (f0-f31, fflags, frm, fcsr) and org.gnu.gdb.riscv.csr (every CSR this
 * hart implements, numbered 65 + CSR number), and like QEMU a "virtual"
 * feature with the privilege level, priv. The XML is generated once.
 */
#include "qemu/osdep.h"
#include "exec/memory.h"
#include "target/riscv/gdbstub.h"
#include "accel/tcg/tb.h"

static bool has_fpu(CPURISCVState *env)
{
    return riscv_has_ext(env, RVF) || riscv_has_ext(env, RVD);
}

static bool gdb_read_u64(RISCVCPU *cpu, int n, uint64_t *val)
{
    CPURISCVState *env = &cpu->env;

    if (n >= 0 && n < 32) {
        *val = n ? env->gpr[n] : 0;
        return true;
    }
    if (n == RISCV_GDB_REG_PC) {
        *val = env->pc;
        return true;
    }
    if (n >= RISCV_GDB_REG_F0 && n < RISCV_GDB_REG_F0 + 32) {
        if (!has_fpu(env)) {
            return false;
        }
        *val = env->fpr[n - RISCV_GDB_REG_F0];
        return true;
    }
    if (n >= RISCV_GDB_REG_CSR0 && n < RISCV_GDB_REG_PRIV) {
        return riscv_csrrw_debug(env, n - RISCV_GDB_REG_CSR0, val, 0, 0) ==
               RISCV_EXCP_NONE;
    }
    if (n == RISCV_GDB_REG_PRIV) {
        *val = env->priv;
        return true;
    }
    return false;
}

static bool gdb_write_u64(RISCVCPU *cpu, int n, uint64_t val)
{
    CPURISCVState *env = &cpu->env;

    if (n >= 0 && n < 32) {
        if (n) {
            env->gpr[n] = val;
        }
        return true;
    }
    if (n == RISCV_GDB_REG_PC) {
        env->pc = val;
        return true;
    }
    if (n >= RISCV_GDB_REG_F0 && n < RISCV_GDB_REG_F0 + 32) {
        if (!has_fpu(env)) {
            return false;
        }
        env->fpr[n - RISCV_GDB_REG_F0] = val;
        return true;
    }
    if (n >= RISCV_GDB_REG_CSR0 && n < RISCV_GDB_REG_PRIV) {
        return riscv_csrrw_debug(env, n - RISCV_GDB_REG_CSR0, NULL, val,
                                 ~0ULL) == RISCV_EXCP_NONE;
    }
    if (n == RISCV_GDB_REG_PRIV) {
        if (val != PRV_U && val != PRV_S && val != PRV_M) {
            return false;
        }
        riscv_cpu_set_mode(env, val);
        return true;
    }
    return false;
}

/* ---- target description ---- */

#define XML_HEADER \
    "<?xml version=\"1.0\"?>\n<!DOCTYPE feature SYSTEM \"gdb-target.dtd\">\n"

static char *gen_target_xml(CPURISCVState *env)
{
    GString *s = g_string_new("<?xml version=\"1.0\"?>\n"
                              "<!DOCTYPE target SYSTEM \"gdb-target.dtd\">\n"
                              "<target>\n"
                              "  <architecture>riscv:rv64</architecture>\n"
                              "  <xi:include href=\"riscv-64bit-cpu.xml\"/>\n");

    if (has_fpu(env)) {
        g_string_append(s, "  <xi:include href=\"riscv-64bit-fpu.xml\"/>\n");
    }
    g_string_append(s, "  <xi:include href=\"riscv-64bit-csr.xml\"/>\n"
                       "  <xi:include href=\"riscv-64bit-virtual.xml\"/>\n"
                       "</target>\n");
    return g_string_free(s, false);
}

static char *gen_cpu_xml(void)
{
    GString *s =
        g_string_new(XML_HEADER "<feature name=\"org.gnu.gdb.riscv.cpu\">\n");

    for (int i = 0; i < 32; i++) {
        /* gdb's riscv feature names x8 "fp" rather than "s0". */
        const char *name = i == 8 ? "fp" : riscv_gpr_names[i];
        const char *type = "int";

        if (i == 1) {
            type = "code_ptr";
        } else if (i >= 2 && i <= 4) {
            type = "data_ptr";
        }
        g_string_append_printf(s,
                               "  <reg name=\"%s\" bitsize=\"64\" "
                               "type=\"%s\" regnum=\"%d\"/>\n",
                               name, type, i);
    }
    g_string_append_printf(s,
                           "  <reg name=\"pc\" bitsize=\"64\" "
                           "type=\"code_ptr\" regnum=\"%d\"/>\n"
                           "</feature>\n",
                           RISCV_GDB_REG_PC);
    return g_string_free(s, false);
}

static char *gen_fpu_xml(void)
{
    static const char *const fcsr_names[] = { "fflags", "frm", "fcsr" };
    GString *s =
        g_string_new(XML_HEADER "<feature name=\"org.gnu.gdb.riscv.fpu\">\n");

    for (int i = 0; i < 32; i++) {
        g_string_append_printf(s,
                               "  <reg name=\"%s\" bitsize=\"64\" "
                               "type=\"ieee_double\" regnum=\"%d\" "
                               "group=\"float\"/>\n",
                               riscv_fpr_names[i], RISCV_GDB_REG_F0 + i);
    }
    for (int i = 0; i < 3; i++) {
        g_string_append_printf(s,
                               "  <reg name=\"%s\" bitsize=\"64\" "
                               "type=\"int\" regnum=\"%d\" "
                               "group=\"float\"/>\n",
                               fcsr_names[i], RISCV_GDB_REG_CSR0 + 1 + i);
    }
    g_string_append(s, "</feature>\n");
    return g_string_free(s, false);
}

static char *gen_csr_xml(CPURISCVState *env)
{
    GString *s =
        g_string_new(XML_HEADER "<feature name=\"org.gnu.gdb.riscv.csr\">\n");

    for (int csrno = 0; csrno < 4096; csrno++) {
        const char *name = riscv_csr_name(csrno);
        uint64_t v;

        /* fflags, frm, fcsr are in the FPU feature */
        if (!name || (csrno >= 1 && csrno <= 3 && has_fpu(env)) ||
            riscv_csrrw_debug(env, csrno, &v, 0, 0) != RISCV_EXCP_NONE) {
            continue;
        }
        g_string_append_printf(s,
                               "  <reg name=\"%s\" bitsize=\"64\" "
                               "type=\"int\" regnum=\"%d\" group=\"csr\"/>\n",
                               name, RISCV_GDB_REG_CSR0 + csrno);
    }
    g_string_append(s, "</feature>\n");
    return g_string_free(s, false);
}

static char *gen_virtual_xml(void)
{
    return g_strdup_printf(XML_HEADER
                           "<feature name=\"org.gnu.gdb.riscv.virtual\">\n"
                           "  <reg name=\"priv\" bitsize=\"64\" type=\"int\" "
                           "regnum=\"%d\"/>\n"
                           "</feature>\n",
                           RISCV_GDB_REG_PRIV);
}

const char *riscv_gdb_get_xml(const char *annex)
{
    static char *target_xml, *cpu_xml, *fpu_xml, *csr_xml, *virtual_xml;
    CPURISCVState *env;

    if (!riscv_cpu_count()) {
        return NULL;
    }
    env = &riscv_cpu_by_index(0)->env;
    if (!strcmp(annex, "target.xml")) {
        if (!target_xml) {
            target_xml = gen_target_xml(env);
        }
        return target_xml;
    }
    if (!strcmp(annex, "riscv-64bit-cpu.xml")) {
        if (!cpu_xml) {
            cpu_xml = gen_cpu_xml();
        }
        return cpu_xml;
    }
    if (!strcmp(annex, "riscv-64bit-fpu.xml") && has_fpu(env)) {
        if (!fpu_xml) {
            fpu_xml = gen_fpu_xml();
        }
        return fpu_xml;
    }
    if (!strcmp(annex, "riscv-64bit-csr.xml")) {
        if (!csr_xml) {
            csr_xml = gen_csr_xml(env);
        }
        return csr_xml;
    }
    if (!strcmp(annex, "riscv-64bit-virtual.xml")) {
        if (!virtual_xml) {
            virtual_xml = gen_virtual_xml();
        }
        return virtual_xml;
    }
    return NULL;
}

/* ---- memory ---- */

/*
 * As QEMU's debugger writes: RAM and ROM take the bytes, MMIO and holes
 * ignore them (a write must not poke a device).
 */
static bool debug_write(uint64_t pa, const uint8_t *buf, size_t len)
{
    while (len) {
        MemoryRegionSection sec =
            address_space_lookup(&address_space_memory, pa);
        size_t n = MIN(len, sec.len ? sec.len : len);

        if (sec.mr && memory_region_is_ram(sec.mr)) {
            MemTxResult r =
                address_space_write_rom(&address_space_memory, pa, buf, n);

            if (r != MEMTX_OK) {
                return false;
            }
            tb_invalidate_phys_page(pa);
            if ((pa & TARGET_PAGE_MASK) != ((pa + n - 1) & TARGET_PAGE_MASK)) {
                tb_invalidate_phys_page(pa + n - 1);
            }
        }
        pa += n;
        buf += n;
        len -= n;
    }
    return true;
}

/* Every register is 8 bytes, little-endian. */
int riscv_gdb_read_register(CPUState *cs, int n, uint8_t *buf)
{
    uint64_t v;

    if (!gdb_read_u64(RISCV_CPU(cs), n, &v)) {
        return 0;
    }
    for (int i = 0; i < 8; i++) {
        buf[i] = v >> (8 * i);
    }
    return 8;
}

int riscv_gdb_write_register(CPUState *cs, int n, const uint8_t *buf)
{
    uint64_t v = 0;

    for (int i = 0; i < 8; i++) {
        v |= (uint64_t)buf[i] << (8 * i);
    }
    return gdb_write_u64(RISCV_CPU(cs), n, v) ? 8 : 0;
}

/* Through the hart's MMU as it stands (not mapped: physical). */
static bool debug_translate(CPUState *cs, uint64_t addr, uint64_t *pa)
{
    CPURISCVState *env = &RISCV_CPU(cs)->env;
    int prot;

    return riscv_get_physical_address(env, addr, MMU_DATA_LOAD,
                                      riscv_mmu_index(env, false), pa,
                                      &prot) == RISCV_EXCP_NONE;
}

bool riscv_gdb_rw_memory(CPUState *cs, uint64_t addr, uint8_t *buf, size_t len,
                         bool is_write)
{
    return cpu_debug_rw_pages(cs, addr, buf, len, is_write, debug_translate,
                              debug_write);
}
