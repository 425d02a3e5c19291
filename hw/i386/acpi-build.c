/*
 * The pc machine's ACPI tables (ACPI 6.4), built as QEMU hands them to
 * firmware: the fw_cfg files "etc/acpi/tables" (FACS, DSDT, FADT, MADT,
 * RSDT), "etc/acpi/rsdp", and "etc/table-loader", whose commands make
 * SeaBIOS place them, link their pointers and fix their checksums. The
 * files are rebuilt whenever firmware selects one, so the FADT's PM blocks
 * follow the PIIX4's PMBA as firmware programmed it (their sizes never
 * change).
 *
 * Layout is ours, not QEMU's byte for byte: a DSDT (acpi-dsdt.c: the PCI
 * host with its interrupt routing and links, the ISA devices, \_S5), a FADT of
 * revision 3 pointing at the PIIX4 PM block, SCI 9 and the reset register
 * 0xCF9, and an MADT with a local APIC per CPU and the IOAPIC at 0xFEC00000.
 */
#include "qemu/osdep.h"
#include "qemu/bswap.h"
#include "hw/acpi/bios-linker-loader.h"
#include "hw/acpi/aml-build.h"
#include "hw/i386/pc.h"
#include "acpi-dsdt.h"

#define ACPI_TABLES_FILE "etc/acpi/tables"
#define ACPI_RSDP_FILE   "etc/acpi/rsdp"
#define ACPI_LOADER_FILE "etc/table-loader"

#define ACPI_OEM_ID       "BOCHS "
#define ACPI_OEM_TABLE_ID "BXPC    "
#define ACPI_CREATOR_ID   "QRSC"
#define ACPI_HEADER_SIZE  36

#define PC_PIIX4_PM   PCI_DEVFN(1, 3)
#define PC_PIIX4_PMBA 0x40

typedef struct PCAcpiState {
    PCMachineState *pcms;
    MachineState *ms;
    GByteArray *tables, *rsdp, *loader; /* what fw_cfg serves */
} PCAcpiState;

static void put_zeros(GByteArray *t, unsigned n)
{
    g_byte_array_set_size(t, t->len + n);
    memset(t->data + t->len - n, 0, n);
}

static void put_str(GByteArray *t, const char *s, unsigned n)
{
    g_assert(strlen(s) == n);
    g_byte_array_append(t, (const uint8_t *)s, n);
}

/* Generic Address Structure (5.2.3.2) */
enum { GAS_SYSTEM_IO = 1 };

static void put_gas(GByteArray *t, uint8_t space, uint8_t bit_width,
                    uint64_t addr)
{
    acpi_put_le(t, space, 1);
    acpi_put_le(t, bit_width, 1);
    acpi_put_le(t, 0, 1); /* bit offset */
    acpi_put_le(t, 0, 1); /* access size: legacy */
    acpi_put_le(t, addr, 8);
}

/* The system description table header (5.2.6); returns where it starts. */
static size_t table_begin(GByteArray *t, const char *sig, uint8_t rev)
{
    size_t start = t->len;

    put_str(t, sig, 4);
    acpi_put_le(t, 0, 4); /* length, set by table_end */
    acpi_put_le(t, rev, 1);
    acpi_put_le(t, 0, 1); /* checksum: the loader computes it */
    put_str(t, ACPI_OEM_ID, 6);
    put_str(t, ACPI_OEM_TABLE_ID, 8);
    acpi_put_le(t, 1, 4); /* OEM revision */
    put_str(t, ACPI_CREATOR_ID, 4);
    acpi_put_le(t, 1, 4); /* creator revision */
    return start;
}

static void table_end(PCAcpiState *a, size_t start)
{
    uint32_t len = a->tables->len - start;

    stl_le_p(a->tables->data + start + 4, len);
    bios_linker_loader_add_checksum(a->loader, ACPI_TABLES_FILE, start, len,
                                    start + 9);
}

/* A 32-bit field holding a table's address: its offset, then patched. */
static void put_table_ptr(PCAcpiState *a, const char *dest, GByteArray *t,
                          size_t target)
{
    bios_linker_loader_add_pointer(a->loader, dest, t->len, 4,
                                   ACPI_TABLES_FILE);
    acpi_put_le(t, target, 4);
}

/* FACS (5.2.10): no checksum, 64-byte aligned (the blob's start). */
static size_t build_facs(PCAcpiState *a)
{
    size_t start = a->tables->len;

    g_assert(start % 64 == 0);
    put_str(a->tables, "FACS", 4);
    acpi_put_le(a->tables, 64, 4);
    put_zeros(a->tables, 56);
    return start;
}

/* DSDT (5.2.11.1): the AML is acpi-dsdt.c's. */
static size_t build_dsdt(PCAcpiState *a)
{
    size_t start = table_begin(a->tables, "DSDT", 1);

    pc_dsdt_build(a->tables, a->pcms, a->ms);
    table_end(a, start);
    return start;
}

/* The PM block as firmware set PMBA (0 before it has). */
static uint16_t pc_pm_base(PCAcpiState *a)
{
    uint32_t pmba =
        pci_bus_config_read(a->pcms->host->bus, PC_PIIX4_PM, PC_PIIX4_PMBA, 4);

    return pmba & 0xffc0;
}

/* FADT revision 3 (5.2.9), 244 bytes. */
static size_t build_fadt(PCAcpiState *a, size_t facs, size_t dsdt)
{
    GByteArray *t = a->tables;
    size_t start = table_begin(t, "FACP", 3);
    uint16_t pm = pc_pm_base(a);

    put_table_ptr(a, ACPI_TABLES_FILE, t, facs); /* FIRMWARE_CTRL */
    put_table_ptr(a, ACPI_TABLES_FILE, t, dsdt); /* DSDT */
    acpi_put_le(t, 0, 1);                        /* reserved */
    acpi_put_le(t, 0, 1);                        /* PM profile: unspecified */
    acpi_put_le(t, PC_SCI_IRQ, 2);
    acpi_put_le(t, 0xb2, 4);   /* SMI_CMD: the PIIX4's APM control port */
    acpi_put_le(t, 0xf1, 1);   /* ACPI_ENABLE */
    acpi_put_le(t, 0xf0, 1);   /* ACPI_DISABLE */
    acpi_put_le(t, 0, 1);      /* S4BIOS_REQ */
    acpi_put_le(t, 0, 1);      /* PSTATE_CNT */
    acpi_put_le(t, pm, 4);     /* PM1a_EVT_BLK */
    acpi_put_le(t, 0, 4);      /* PM1b_EVT_BLK */
    acpi_put_le(t, pm + 4, 4); /* PM1a_CNT_BLK */
    acpi_put_le(t, 0, 4);      /* PM1b_CNT_BLK */
    acpi_put_le(t, 0, 4);      /* PM2_CNT_BLK */
    acpi_put_le(t, pm + 8, 4); /* PM_TMR_BLK */
    acpi_put_le(t, 0, 4);      /* GPE0_BLK */
    acpi_put_le(t, 0, 4);      /* GPE1_BLK */
    acpi_put_le(t, 4, 1);      /* PM1_EVT_LEN */
    acpi_put_le(t, 2, 1);      /* PM1_CNT_LEN */
    acpi_put_le(t, 0, 1);      /* PM2_CNT_LEN */
    acpi_put_le(t, 4, 1);      /* PM_TMR_LEN */
    acpi_put_le(t, 0, 1);      /* GPE0_BLK_LEN */
    acpi_put_le(t, 0, 1);      /* GPE1_BLK_LEN */
    acpi_put_le(t, 0, 1);      /* GPE1_BASE */
    acpi_put_le(t, 0, 1);      /* CST_CNT */
    acpi_put_le(t, 0xfff, 2);  /* P_LVL2_LAT: C2 not supported */
    acpi_put_le(t, 0xfff, 2);  /* P_LVL3_LAT: C3 not supported */
    acpi_put_le(t, 0, 2);      /* FLUSH_SIZE */
    acpi_put_le(t, 0, 2);      /* FLUSH_STRIDE */
    acpi_put_le(t, 0, 1);      /* DUTY_OFFSET */
    acpi_put_le(t, 0, 1);      /* DUTY_WIDTH */
    acpi_put_le(t, 0, 1);      /* DAY_ALRM */
    acpi_put_le(t, 0, 1);      /* MON_ALRM */
    acpi_put_le(t, 0x32, 1);   /* CENTURY: the RTC's CMOS byte */
    acpi_put_le(t, 0x0003, 2); /* IAPC_BOOT_ARCH: LEGACY_DEVICES, 8042 */
    acpi_put_le(t, 0, 1);
    /* Flags: WBINVD, PROC_C1, SLP_BUTTON (none), RESET_REG_SUP. */
    acpi_put_le(t, (1 << 0) | (1 << 2) | (1 << 5) | (1 << 10), 4);
    put_gas(t, GAS_SYSTEM_IO, 8, 0xcf9); /* RESET_REG: PIIX3 RCR */
    acpi_put_le(t, 0x06, 1);             /* RESET_VALUE: SRST | RCPU */
    acpi_put_le(t, 0, 2);                /* ARM_BOOT_ARCH */
    acpi_put_le(t, 0, 1);                /* minor version */
    acpi_put_le(t, 0, 8); /* X_FIRMWARE_CTRL: FIRMWARE_CTRL is used */
    acpi_put_le(t, 0, 8); /* X_DSDT: DSDT is used */
    put_gas(t, GAS_SYSTEM_IO, 32, pm);
    put_gas(t, 0, 0, 0);
    put_gas(t, GAS_SYSTEM_IO, 16, pm + 4);
    put_gas(t, 0, 0, 0);
    put_gas(t, 0, 0, 0);
    put_gas(t, GAS_SYSTEM_IO, 32, pm + 8);
    put_gas(t, 0, 0, 0);
    put_gas(t, 0, 0, 0);
    g_assert(t->len - start == 244);
    table_end(a, start);
    return start;
}

/* Interrupt Source Override (5.2.12.5): ISA IRQ irq is GSI gsi. */
static void madt_iso(GByteArray *t, uint8_t irq, uint32_t gsi, uint16_t flags)
{
    acpi_put_le(t, 2, 1);
    acpi_put_le(t, 10, 1);
    acpi_put_le(t, 0, 1); /* ISA */
    acpi_put_le(t, irq, 1);
    acpi_put_le(t, gsi, 4);
    acpi_put_le(t, flags, 2);
}

#define MPS_INTI_HIGH_LEVEL 0x000d /* active high, level-triggered */

/* MADT (5.2.12) */
static size_t build_madt(PCAcpiState *a)
{
    GByteArray *t = a->tables;
    size_t start = table_begin(t, "APIC", 1);
    static const uint8_t pci_irqs[] = { 5, 9, 10, 11 };

    acpi_put_le(t, PC_LAPIC_ADDR, 4);
    acpi_put_le(t, 1, 4); /* PCAT_COMPAT: there are 8259s too */
    for (unsigned i = 0; i < a->ms->smp_cpus; i++) {
        acpi_put_le(t, 0, 1); /* Processor Local APIC (5.2.12.2) */
        acpi_put_le(t, 8, 1);
        acpi_put_le(t, i, 1); /* ACPI processor UID */
        acpi_put_le(t, i, 1); /* APIC ID */
        acpi_put_le(t, 1, 4); /* enabled */
    }
    acpi_put_le(t, 1, 1); /* I/O APIC (5.2.12.3) */
    acpi_put_le(t, 12, 1);
    acpi_put_le(t, 0, 1); /* IOAPIC ID */
    acpi_put_le(t, 0, 1);
    acpi_put_le(t, PC_IOAPIC_ADDR, 4);
    acpi_put_le(t, 0, 4); /* GSI base */
    madt_iso(t, 0, 2, 0);
    /* The PCI IRQs and the SCI are level-triggered (the SCI: 5.2.9). */
    for (size_t i = 0; i < G_N_ELEMENTS(pci_irqs); i++) {
        madt_iso(t, pci_irqs[i], pci_irqs[i], MPS_INTI_HIGH_LEVEL);
    }
    acpi_put_le(t, 4, 1); /* Local APIC NMI (5.2.12.7): all CPUs, LINT1 */
    acpi_put_le(t, 6, 1);
    acpi_put_le(t, 0xff, 1);
    acpi_put_le(t, 0, 2);
    acpi_put_le(t, 1, 1);
    table_end(a, start);
    return start;
}

/* RSDT (5.2.7) */
static size_t build_rsdt(PCAcpiState *a, const size_t *entries, size_t n)
{
    size_t start = table_begin(a->tables, "RSDT", 1);

    for (size_t i = 0; i < n; i++) {
        put_table_ptr(a, ACPI_TABLES_FILE, a->tables, entries[i]);
    }
    table_end(a, start);
    return start;
}

/* RSDP (5.2.5), ACPI 1.0 form: 20 bytes in the F segment. */
static void build_rsdp(PCAcpiState *a, size_t rsdt)
{
    put_str(a->rsdp, "RSD PTR ", 8);
    acpi_put_le(a->rsdp, 0, 1); /* checksum */
    put_str(a->rsdp, ACPI_OEM_ID, 6);
    acpi_put_le(a->rsdp, 0, 1); /* revision 0 */
    put_table_ptr(a, ACPI_RSDP_FILE, a->rsdp, rsdt);
    bios_linker_loader_add_checksum(a->loader, ACPI_RSDP_FILE, 0, 20, 8);
}

static void pc_acpi_build(PCAcpiState *a)
{
    size_t facs, dsdt, entries[2];

    g_byte_array_set_size(a->tables, 0);
    g_byte_array_set_size(a->rsdp, 0);
    g_byte_array_set_size(a->loader, 0);
    bios_linker_loader_alloc(a->loader, ACPI_TABLES_FILE, 64,
                             BIOS_LINKER_LOADER_ZONE_HIGH);
    bios_linker_loader_alloc(a->loader, ACPI_RSDP_FILE, 16,
                             BIOS_LINKER_LOADER_ZONE_FSEG);
    facs = build_facs(a);
    dsdt = build_dsdt(a);
    entries[0] = build_fadt(a, facs, dsdt);
    entries[1] = build_madt(a);
    build_rsdp(a, build_rsdt(a, entries, G_N_ELEMENTS(entries)));
}

/* On select: rebuild into the same buffers (the sizes cannot change). */
static void pc_acpi_refresh(void *opaque)
{
    PCAcpiState *a = opaque;
    guint sizes[3] = { a->tables->len, a->rsdp->len, a->loader->len };
    guint8 *data[3] = { a->tables->data, a->rsdp->data, a->loader->data };

    pc_acpi_build(a);
    g_assert(a->tables->len == sizes[0] && a->rsdp->len == sizes[1] &&
             a->loader->len == sizes[2]);
    g_assert(a->tables->data == data[0] && a->rsdp->data == data[1] &&
             a->loader->data == data[2]);
}

void pc_acpi_setup(PCMachineState *pcms, MachineState *ms)
{
    PCAcpiState *a = g_new0(PCAcpiState, 1);

    a->pcms = pcms;
    a->ms = ms;
    a->tables = g_byte_array_new();
    a->rsdp = g_byte_array_new();
    a->loader = g_byte_array_new();
    pc_acpi_build(a);
    fw_cfg_add_file_callback(pcms->fw_cfg, ACPI_TABLES_FILE, pc_acpi_refresh, a,
                             a->tables->data, a->tables->len);
    fw_cfg_add_file_callback(pcms->fw_cfg, ACPI_RSDP_FILE, pc_acpi_refresh, a,
                             a->rsdp->data, a->rsdp->len);
    fw_cfg_add_file_callback(pcms->fw_cfg, ACPI_LOADER_FILE, pc_acpi_refresh, a,
                             a->loader->data, a->loader->len);
}
