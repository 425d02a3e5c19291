/*
 * The pc machine's fw_cfg contents, as SeaBIOS reads them from QEMU: the
 * generic items (RAM size, CPU counts, UUID, boot menu, NUMA), the
 * x86 items, and the files etc/e820 (the memory map), bootorder,
 * etc/boot-fail-wait and etc/sercon-port (0x3f8: there is no display, so
 * SeaBIOS puts its screen on the serial port, as it does by itself under
 * QEMU's -nographic). -kernel's items: linuxboot-fw-cfg.c.
 */
#include "qemu/osdep.h"
#include "qemu/bswap.h"
#include "hw/i386/pc.h"
#include "hw/nvram/fw_cfg.h"
#include "sysemu/accel.h"
#include "sysemu/sysemu.h"

#define FW_CFG_IO_BASE       0x510
#define FW_CFG_DMA_IO_BASE   0x514
#define FW_CFG_IRQ0_OVERRIDE (FW_CFG_ARCH_LOCAL + 2)
#define PC_SERCON_PORT       0x3f8

#define E820_ENTRY_SIZE 20 /* le64 address, le64 length, le32 type */

/* etc/e820: the machine's memory map (memmap.c). */
static void pc_fw_cfg_e820(FWCfgState *fw, PCMachineState *pcms)
{
    PCMemRange map[PC_MEMMAP_MAX];
    int n = pc_ram_map(pcms, kvm_enabled(), map);
    uint8_t *t = g_malloc(n * E820_ENTRY_SIZE);

    for (int i = 0; i < n; i++) {
        stq_le_p(t + i * E820_ENTRY_SIZE, map[i].base);
        stq_le_p(t + i * E820_ENTRY_SIZE + 8, map[i].len);
        stl_le_p(t + i * E820_ENTRY_SIZE + 16, map[i].type);
    }
    fw_cfg_add_file(fw, "etc/e820", t, n * E820_ENTRY_SIZE);
    g_free(t);
}

/* The UUID's 16 bytes in text order, as QEMU gives them. */
static void pc_uuid_bytes(uint8_t out[16])
{
    const char *t = qemu_uuid_string();
    int n = 0;

    memset(out, 0, 16);
    for (; *t && n < 32; t++) {
        if (g_ascii_isxdigit(*t)) {
            out[n / 2] |= g_ascii_xdigit_value(*t) << (n % 2 ? 0 : 4);
            n++;
        }
    }
}

FWCfgState *pc_fw_cfg_init(PCMachineState *pcms, MachineState *ms,
                           GError **errp)
{
    FWCfgState *fw;
    g_autofree uint64_t *numa = NULL;
    unsigned max_cpus = ms->smp_cpus;
    uint8_t uuid[16];
    uint16_t sercon = GUINT16_TO_LE(PC_SERCON_PORT);
    uint32_t fail_wait = GUINT32_TO_LE(UINT32_MAX); /* -1: never reboot */

    fw = fw_cfg_init_io_dma(OBJECT(ms), FW_CFG_IO_BASE, FW_CFG_DMA_IO_BASE,
                            &address_space_memory, errp);
    if (!fw) {
        return NULL;
    }
    fw_cfg_add_i64(fw, FW_CFG_RAM_SIZE, ms->ram_size);
    fw_cfg_add_i16(fw, FW_CFG_NB_CPUS, ms->smp_cpus);
    fw_cfg_add_i16(fw, FW_CFG_MAX_CPUS, max_cpus);
    pc_uuid_bytes(uuid);
    fw_cfg_add_bytes(fw, FW_CFG_UUID, uuid, sizeof(uuid));
    fw_cfg_add_i16(fw, FW_CFG_BOOT_MENU, 0);
    /* No NUMA nodes: a count of 0, then one (zero) node per CPU id. */
    numa = g_new0(uint64_t, 1 + max_cpus);
    fw_cfg_add_bytes(fw, FW_CFG_NUMA, numa, (1 + max_cpus) * sizeof(*numa));
    /* The in-kernel IOAPIC takes IRQ0 on GSI 2 (the MADT says so too). */
    fw_cfg_add_i32(fw, FW_CFG_IRQ0_OVERRIDE, 1);

    pc_fw_cfg_e820(fw, pcms);
    fw_cfg_add_file(fw, "bootorder", "", 0);
    fw_cfg_add_file(fw, "etc/boot-fail-wait", &fail_wait, sizeof(fail_wait));
    fw_cfg_add_file(fw, "etc/sercon-port", &sercon, sizeof(sercon));
    return fw;
}
