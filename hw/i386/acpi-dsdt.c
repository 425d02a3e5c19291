/*
 * The pc machine's DSDT body (ACPI 6.4; the AML of chapter 20):
 *
 *   \_SB.PCI0      the host bridge (PNP0A03): bus, I/O and memory windows,
 *                  and _PRT, the routing of every slot's INTA#-INTD#
 *   \_SB.PCI0.ISA  the PIIX3 (00:01.0), whose PIRQ route control registers
 *                  (PIRQRC[A:D], config 0x60-0x63) are the fields PRQA-PRQD,
 *                  and the ISA devices behind it: the 8042's keyboard
 *                  (PNP0303) and mouse (PNP0F13), the RTC (PNP0B00) and each
 *                  COM port the machine has (PNP0501)
 *   \_SB.LNKA-LNKD the PCI interrupt links (PNP0C0F, 6.2.13), one per PIRQ:
 *                  _STA, _PRS, _CRS, _SRS, _DIS read and write PRQx
 *   \_SB.LNKS      the link of the PIIX4 PM's INTA# (00:01.3), which is the
 *                  SCI, IRQ 9, and cannot be moved
 *   \_S5           soft-off: sleep type 0, what the PIIX4 PM takes as S5
 *
 * The slot-to-PIRQ wiring is the i440FX's (hw/pci-host/i440fx.c): INTx of
 * slot S, pin P (0 = INTA#) is PIRQ (S - 1 + P) mod 4.
 */
#include "qemu/osdep.h"
#include "hw/acpi/aml-build.h"
#include "hw/i386/pc.h"
#include "acpi-dsdt.h"

#define PCI_SLOTS       32
#define PCI_PINS        4
#define PIRQS           4
#define PIIX3_ADR       0x00010000 /* device 1, function 0 */
#define PIIX3_PIRQRC    0x60
#define PIRQRC_DISABLED 0x80 /* IRQROUTEN: 1 = not routed */
#define PIRQRC_IRQ      0x0f
#define PM_SLOT         1 /* the PIIX4 PM, 00:01.3, uses INTA# */

/* _STA (6.3.7): present, enabled, functioning; not shown in UI. */
#define STA_LINK_ENABLED  0x0b
#define STA_LINK_DISABLED 0x09

/* ISA IRQs a PIRQ link offers: QEMU's choice, all free on this machine. */
static const uint32_t link_irqs[] = { 5, 10, 11 };
/* A PCI interrupt: level-triggered, active high (as the MADT says), shared. */
#define LINK_IRQ_FLAGS (AML_IRQ_CONSUMER | AML_IRQ_SHARED)

#define COM_PORTS 4
static const struct {
    uint16_t base;
    uint8_t irq;
} com_ports[COM_PORTS] = {
    { 0x3f8, 4 }, { 0x2f8, 3 }, { 0x3e8, 4 }, { 0x2e8, 3 }
};

/* PCI0's _CRS: bus 0-255, the config ports, I/O and memory windows. */
static void pci0_crs(GByteArray *t, PCMachineState *pcms)
{
    g_autoptr(GByteArray) r = g_byte_array_new();
    uint32_t hole = MAX(pcms->below_4g_mem_size, PC_VGA_END);

    aml_res_word(r, 2, 0, 0, 0xff); /* bus numbers */
    aml_res_io(r, 0xcf8, 8);
    aml_res_word(r, 1, 3, 0x0000, 0x0cf7); /* I/O, entire range */
    aml_res_word(r, 1, 3, 0x0d00, 0xffff);
    aml_res_dword_mem(r, PC_VGA_LOW, PC_VGA_END - 1);
    aml_res_dword_mem(r, hole, PC_IOAPIC_ADDR - 1);
    aml_res_end(r);
    aml_name_buffer(t, "_CRS", r);
}

static char link_name(int pirq)
{
    return 'A' + pirq;
}

/*
 * _PRT (6.2.13): for every slot and pin, Package { address (slot in the
 * high word, any function), pin, the link device, source index 0 }.
 */
static void pci0_prt(GByteArray *t)
{
    size_t prt;

    aml_name_begin(t, "_PRT");
    prt = aml_package_open(t, PCI_SLOTS * PCI_PINS);
    for (int slot = 0; slot < PCI_SLOTS; slot++) {
        for (int pin = 0; pin < PCI_PINS; pin++) {
            int pirq = (slot - 1 + pin) & (PIRQS - 1);
            char link[] = "\\_SB.LNK?";
            size_t entry = aml_package_open(t, 4);

            link[8] = slot == PM_SLOT && pin == 0 ? 'S' : link_name(pirq);
            aml_int(t, ((uint32_t)slot << 16) | 0xffff);
            aml_int(t, pin);
            aml_name(t, link);
            aml_int(t, 0);
            aml_close(t, entry);
        }
    }
    aml_close(t, prt);
}

/* Device (name) { _HID, [_UID,] _CRS } of an ISA device. */
static void isa_device(GByteArray *t, const char *name, const char *hid,
                       int uid, const GByteArray *crs)
{
    size_t dev = aml_device_open(t, name);

    aml_name_eisaid(t, "_HID", hid);
    if (uid >= 0) {
        aml_name_int(t, "_UID", uid);
    }
    aml_name_buffer(t, "_CRS", crs);
    aml_close(t, dev);
}

static void isa_port_device(GByteArray *t, const char *name, const char *hid,
                            int uid, uint16_t base, uint8_t len, uint8_t irq)
{
    g_autoptr(GByteArray) r = g_byte_array_new();

    aml_res_io(r, base, len);
    aml_res_irq(r, 1 << irq);
    aml_res_end(r);
    isa_device(t, name, hid, uid, r);
}

static bool has_com_port(MachineState *ms, int i)
{
    g_autofree char *name = g_strdup_printf("serial[%d]", i);

    return object_resolve_path_component(
               container_get(OBJECT(ms), "unattached"), name) != NULL;
}

static void pci0_isa(GByteArray *t, MachineState *ms)
{
    g_autoptr(GByteArray) kbd = g_byte_array_new();
    g_autoptr(GByteArray) mou = g_byte_array_new();
    size_t isa = aml_device_open(t, "ISA");
    size_t field;

    aml_name_int(t, "_ADR", PIIX3_ADR);
    aml_op_region(t, "PIRQ", AML_SPACE_PCI_CONFIG, PIIX3_PIRQRC, PIRQS);
    field = aml_field_open(t, "PIRQ", AML_FIELD_BYTE_ACC);
    for (int p = 0; p < PIRQS; p++) {
        char name[] = { 'P', 'R', 'Q', link_name(p), 0 };

        aml_field_unit(t, name, 8);
    }
    aml_close(t, field);

    /* The 8042: data 0x60 and status/command 0x64, IRQ 1 and 12. */
    aml_res_io(kbd, 0x60, 1);
    aml_res_io(kbd, 0x64, 1);
    aml_res_irq(kbd, 1 << 1);
    aml_res_end(kbd);
    isa_device(t, "KBD", "PNP0303", -1, kbd);
    aml_res_irq(mou, 1 << 12);
    aml_res_end(mou);
    isa_device(t, "MOU", "PNP0F13", -1, mou);

    isa_port_device(t, "RTC", "PNP0B00", -1, 0x70, 2, 8);
    for (int i = 0; i < COM_PORTS; i++) {
        char name[] = { 'C', 'O', 'M', '1' + i, 0 };

        if (has_com_port(ms, i)) {
            isa_port_device(t, name, "PNP0501", i + 1, com_ports[i].base, 8,
                            com_ports[i].irq);
        }
    }
    aml_close(t, isa);
}

/* Return (v) */
static void aml_return_int(GByteArray *t, uint64_t v)
{
    aml_op(t, AML_RETURN_OP);
    aml_int(t, v);
}

/*
 * Device (LNKx) for PIRQx, whose route register is \_SB.PCI0.ISA.PRQx:
 * bit 7 set means not routed, bits 3:0 the ISA IRQ.
 */
static void pirq_link(GByteArray *t, int pirq)
{
    g_autoptr(GByteArray) prs = g_byte_array_new();
    g_autoptr(GByteArray) crs = g_byte_array_new();
    uint32_t none = 0;
    char dev_name[] = { 'L', 'N', 'K', link_name(pirq), 0 };
    g_autofree char *reg =
        g_strdup_printf("\\_SB.PCI0.ISA.PRQ%c", link_name(pirq));
    size_t dev = aml_device_open(t, dev_name);
    size_t m, cond;

    aml_name_eisaid(t, "_HID", "PNP0C0F");
    aml_name_int(t, "_UID", pirq);
    aml_res_ext_irq(prs, LINK_IRQ_FLAGS, link_irqs, G_N_ELEMENTS(link_irqs));
    aml_res_end(prs);
    aml_name_buffer(t, "_PRS", prs);

    /* _STA: If (And (PRQx, 0x80)) { Return (9) } Return (0xB) */
    m = aml_method_open(t, "_STA", 0);
    cond = aml_if_open(t);
    aml_op(t, AML_AND_OP);
    aml_name(t, reg);
    aml_int(t, PIRQRC_DISABLED);
    aml_op(t, AML_NO_TARGET);
    aml_return_int(t, STA_LINK_DISABLED);
    aml_close(t, cond);
    aml_return_int(t, STA_LINK_ENABLED);
    aml_close(t, m);

    /* _DIS: Or (PRQx, 0x80, PRQx) */
    m = aml_method_open(t, "_DIS", 0);
    aml_op(t, AML_OR_OP);
    aml_name(t, reg);
    aml_int(t, PIRQRC_DISABLED);
    aml_name(t, reg);
    aml_close(t, m);

    /*
     * _CRS: Local0 = the one-IRQ template with IRQ 0 (none);
     * If (LLess (PRQx, 0x80)) { Index (Local0, 5) = And (PRQx, 0xF) }
     * Return (Local0). IRQs are below 16: the number's low byte is all.
     */
    aml_res_ext_irq(crs, LINK_IRQ_FLAGS, &none, 1);
    aml_res_end(crs);
    m = aml_method_open(t, "_CRS", 0);
    aml_op(t, AML_STORE_OP);
    aml_buffer(t, crs);
    aml_op(t, AML_LOCAL(0));
    cond = aml_if_open(t);
    aml_op(t, AML_LLESS_OP);
    aml_name(t, reg);
    aml_int(t, PIRQRC_DISABLED);
    aml_op(t, AML_STORE_OP);
    aml_op(t, AML_AND_OP);
    aml_name(t, reg);
    aml_int(t, PIRQRC_IRQ);
    aml_op(t, AML_NO_TARGET);
    aml_op(t, AML_INDEX_OP);
    aml_op(t, AML_LOCAL(0));
    aml_int(t, AML_RES_EXT_IRQ_NUM);
    aml_op(t, AML_NO_TARGET);
    aml_close(t, cond);
    aml_op(t, AML_RETURN_OP);
    aml_op(t, AML_LOCAL(0));
    aml_close(t, m);

    /* _SRS (Arg0: a template as _CRS's): PRQx = the IRQ's low byte. */
    m = aml_method_open(t, "_SRS", 1);
    aml_op(t, AML_STORE_OP);
    aml_op(t, AML_DEREF_OF_OP);
    aml_op(t, AML_INDEX_OP);
    aml_op(t, AML_ARG(0));
    aml_int(t, AML_RES_EXT_IRQ_NUM);
    aml_op(t, AML_NO_TARGET);
    aml_name(t, reg);
    aml_close(t, m);
    aml_close(t, dev);
}

/* LNKS: the SCI's link, always routed to IRQ 9; _SRS accepts only that. */
static void sci_link(GByteArray *t)
{
    g_autoptr(GByteArray) r = g_byte_array_new();
    uint32_t sci = PC_SCI_IRQ;
    size_t dev = aml_device_open(t, "LNKS");
    size_t m;

    aml_name_eisaid(t, "_HID", "PNP0C0F");
    aml_name_int(t, "_UID", PIRQS);
    aml_name_int(t, "_STA", STA_LINK_ENABLED);
    aml_res_ext_irq(r, LINK_IRQ_FLAGS, &sci, 1);
    aml_res_end(r);
    aml_name_buffer(t, "_PRS", r);
    aml_name_buffer(t, "_CRS", r);
    m = aml_method_open(t, "_SRS", 1);
    aml_close(t, m);
    aml_close(t, dev);
}

void pc_dsdt_build(GByteArray *t, PCMachineState *pcms, MachineState *ms)
{
    size_t sb = aml_scope_open(t, "\\_SB");
    size_t pci0 = aml_device_open(t, "PCI0");
    size_t s5;

    aml_name_eisaid(t, "_HID", "PNP0A03");
    aml_name_int(t, "_ADR", 0);
    aml_name_int(t, "_UID", 0);
    pci0_crs(t, pcms);
    pci0_prt(t);
    pci0_isa(t, ms);
    aml_close(t, pci0);
    for (int p = 0; p < PIRQS; p++) {
        pirq_link(t, p);
    }
    sci_link(t);
    aml_close(t, sb);

    aml_name_begin(t, "\\_S5");
    s5 = aml_package_open(t, 4);
    for (int i = 0; i < 4; i++) {
        aml_int(t, 0);
    }
    aml_close(t, s5);
}
