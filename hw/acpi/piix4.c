/*
 * PIIX4 power management, function 00:01.3 (8086:7113; 82371AB datasheet
 * 290562, 3.4 and 11): the ACPI fixed hardware of ACPI 6.4 4.8 in a 64-byte
 * I/O block at PMBA (0x40) that decodes while PMREGMISC.PMIOSE (0x80 bit
 * 0) is set: PM1 event (status/enable), PM1 control, and the 24-bit PM
 * timer at 3.579545 MHz (4.8.3.3). SCI is output "sci" (the machine wires
 * it to ISA IRQ 9). APM control/status at 0xB2/0xB3 take the FADT's
 * ACPI_ENABLE/ACPI_DISABLE commands, which set and clear SCI_EN (done
 * directly: there is no SMM here).
 */
#include "qemu/osdep.h"
#include "qemu/log.h"
#include "qemu/timer.h"
#include "hw/pci/pci.h"
#include "sysemu/runstate.h"

#define TYPE_PIIX4_PM "PIIX4_PM"
OBJECT_DECLARE_SIMPLE_TYPE(PIIX4PMState, PIIX4_PM)

/* PCI configuration (datasheet 11.1) */
#define PIIX4_PMBA       0x40
#define PIIX4_DEVACTB    0x58
#define PIIX4_PMREGMISC  0x80
#define PMREGMISC_PMIOSE 0x01
#define DEVACTB_APMC_EN  (1U << 25)

/* The PM I/O block (ACPI 6.4 4.8.3) */
#define PM_IO_SIZE 64
#define PM1_STS    0x00
#define PM1_EN     0x02
#define PM1_CNT    0x04
#define PM_TMR     0x08

#define PM1_TMR         (1 << 0)
#define PM1_GBL         (1 << 5)
#define PM1_PWRBTN      (1 << 8)
#define PM1_RTC         (1 << 10)
#define PM1_WAK_STS     (1 << 15)
#define PM1_EVENTS      (PM1_TMR | PM1_GBL | PM1_PWRBTN | PM1_RTC)
#define PM1_CNT_SCI_EN  (1 << 0)
#define PM1_CNT_SLP_TYP (7 << 10)
#define PM1_CNT_SLP_EN  (1 << 13)

#define PM_TIMER_FREQ 3579545
#define PM_TIMER_BITS 24

/* APM (datasheet 11.4), and the FADT's commands */
#define APM_PORT        0xb2
#define APM_CMD_ENABLE  0xf1
#define APM_CMD_DISABLE 0xf0

struct PIIX4PMState {
    PCIDevice parent_obj;
    MemoryRegion io, apm_io;
    uint16_t pm1_sts, pm1_en, pm1_cnt;
    uint8_t apmc, apms;
    int64_t tmr_overflow_ns; /* when TMR_STS is next set */
    QEMUTimer tmr_timer;
    qemu_irq sci;
};

static uint64_t pm_timer_ticks(int64_t ns)
{
    return (unsigned __int128)ns * PM_TIMER_FREQ / NANOSECONDS_PER_SECOND;
}

/* The first instant the timer's bit 23 flips after now (4.8.3.3). */
static int64_t pm_timer_next_overflow(int64_t now)
{
    uint64_t tick = ((pm_timer_ticks(now) >> (PM_TIMER_BITS - 1)) + 1)
                    << (PM_TIMER_BITS - 1);

    return ((unsigned __int128)tick * NANOSECONDS_PER_SECOND + PM_TIMER_FREQ -
            1) /
           PM_TIMER_FREQ;
}

/* TMR_STS is set whenever bit 23 has flipped since it was last looked at. */
static void pm_timer_catch_up(PIIX4PMState *s)
{
    int64_t now = qemu_clock_get_ns(QEMU_CLOCK_VIRTUAL);

    if (now >= s->tmr_overflow_ns) {
        s->pm1_sts |= PM1_TMR;
        s->tmr_overflow_ns = pm_timer_next_overflow(now);
    }
}

static void pm_update_sci(PIIX4PMState *s)
{
    pm_timer_catch_up(s);
    qemu_set_irq(s->sci, (s->pm1_sts & s->pm1_en & PM1_EVENTS) != 0);
    /* A timer only while TMR_EN can make the SCI come. */
    if ((s->pm1_en & PM1_TMR) && !(s->pm1_sts & PM1_TMR)) {
        timer_mod(&s->tmr_timer, s->tmr_overflow_ns);
    } else {
        timer_del(&s->tmr_timer);
    }
}

static void pm_timer_expired(void *opaque)
{
    pm_update_sci(opaque);
}

static void pm1_cnt_write(PIIX4PMState *s, uint16_t val)
{
    s->pm1_cnt = val & ~PM1_CNT_SLP_EN;
    if (!(val & PM1_CNT_SLP_EN)) {
        return;
    }
    /* Sleep type 0 is S5 in our DSDT (_S5), as in QEMU's. */
    if ((val & PM1_CNT_SLP_TYP) == 0) {
        qemu_system_shutdown_request(SHUTDOWN_CAUSE_GUEST_SHUTDOWN);
    } else {
        qemu_log_mask(LOG_GUEST_ERROR,
                      "PIIX4 PM: sleep type %u not supported, ignored\n",
                      (val & PM1_CNT_SLP_TYP) >> 10);
    }
}

static uint64_t pm_io_read(void *opaque, hwaddr addr, unsigned size)
{
    PIIX4PMState *s = opaque;
    uint8_t regs[12];
    uint64_t v = 0;

    if (addr + size > sizeof(regs)) {
        return 0; /* GPSTS and the rest: not modelled, read 0 */
    }
    pm_timer_catch_up(s);
    pci_set_word(regs + PM1_STS, s->pm1_sts);
    pci_set_word(regs + PM1_EN, s->pm1_en);
    pci_set_word(regs + PM1_CNT, s->pm1_cnt);
    pci_set_word(regs + PM1_CNT + 2, 0);
    pci_set_long(regs + PM_TMR,
                 pm_timer_ticks(qemu_clock_get_ns(QEMU_CLOCK_VIRTUAL)) &
                     ((1U << PM_TIMER_BITS) - 1));
    for (unsigned i = 0; i < size; i++) {
        v |= (uint64_t)regs[addr + i] << (i * 8);
    }
    return v;
}

/* Put val's bytes over the 16-bit register cur at byte offset off. */
static uint16_t merge16(uint16_t cur, hwaddr addr, unsigned size, hwaddr reg,
                        uint64_t val, uint16_t *written)
{
    *written = 0;
    for (unsigned i = 0; i < size; i++) {
        if (addr + i >= reg && addr + i < reg + 2) {
            unsigned sh = (addr + i - reg) * 8;

            cur = (cur & ~(0xff << sh)) | (((val >> (i * 8)) & 0xff) << sh);
            *written |= 0xff << sh;
        }
    }
    return cur;
}

static void pm_io_write(void *opaque, hwaddr addr, uint64_t val, unsigned size)
{
    PIIX4PMState *s = opaque;
    uint16_t w, v;

    /* PM1_STS: write 1 to clear. */
    v = merge16(0, addr, size, PM1_STS, val, &w);
    if (w) {
        pm_timer_catch_up(s);
        s->pm1_sts &= ~v;
    }
    v = merge16(s->pm1_en, addr, size, PM1_EN, val, &w);
    if (w) {
        s->pm1_en = v;
    }
    v = merge16(s->pm1_cnt, addr, size, PM1_CNT, val, &w);
    if (w) {
        pm1_cnt_write(s, v);
    }
    pm_update_sci(s);
}

static const MemoryRegionOps pm_io_ops = {
    .read = pm_io_read,
    .write = pm_io_write,
    .endianness = DEVICE_LITTLE_ENDIAN,
    .valid = { .min_access_size = 1, .max_access_size = 4 },
};

static uint64_t apm_read(void *opaque, hwaddr addr, unsigned size)
{
    PIIX4PMState *s = opaque;

    return addr == 0 ? s->apmc : s->apms;
}

static void apm_write(void *opaque, hwaddr addr, uint64_t val, unsigned size)
{
    PIIX4PMState *s = opaque;

    if (addr == 1) {
        s->apms = val;
        return;
    }
    s->apmc = val;
    if (val == APM_CMD_ENABLE) {
        s->pm1_cnt |= PM1_CNT_SCI_EN;
    } else if (val == APM_CMD_DISABLE) {
        s->pm1_cnt &= ~PM1_CNT_SCI_EN;
    }
}

static const MemoryRegionOps apm_ops = {
    .read = apm_read,
    .write = apm_write,
    .endianness = DEVICE_LITTLE_ENDIAN,
    .valid = { .min_access_size = 1, .max_access_size = 1 },
};

/* PMBA[15:6] is where the block decodes, while PMIOSE. */
static void pm_io_space_update(PIIX4PMState *s)
{
    PCIDevice *d = PCI_DEVICE(s);

    memory_region_set_address(&s->io,
                              pci_get_long(d->config + PIIX4_PMBA) & 0xffc0);
    memory_region_set_enabled(&s->io,
                              d->config[PIIX4_PMREGMISC] & PMREGMISC_PMIOSE);
}

static void piix4_pm_config_write(PCIDevice *dev, uint32_t addr, uint32_t val,
                                  unsigned len)
{
    if ((addr < PIIX4_PMBA + 4 && addr + len > PIIX4_PMBA) ||
        (addr <= PIIX4_PMREGMISC && addr + len > PIIX4_PMREGMISC)) {
        pm_io_space_update(PIIX4_PM(dev));
    }
}

static void piix4_pm_realize(PCIDevice *dev, GError **errp)
{
    PIIX4PMState *s = PIIX4_PM(dev);

    /* Device-specific registers are storage but for PMBA's fixed bits. */
    memset(dev->wmask + 0x40, 0xff, PCI_CONFIG_SIZE - 0x40);
    pci_set_long(dev->wmask + PIIX4_PMBA, 0xffc0);
    memory_region_init_io(&s->io, OBJECT(s), &pm_io_ops, s, "piix4-pm",
                          PM_IO_SIZE);
    s->io.enabled = false;
    memory_region_add_subregion(get_system_io(), 0, &s->io);
    memory_region_init_io(&s->apm_io, OBJECT(s), &apm_ops, s, "apm-io", 2);
    memory_region_add_subregion(get_system_io(), APM_PORT, &s->apm_io);
    timer_init_ns(&s->tmr_timer, QEMU_CLOCK_VIRTUAL, pm_timer_expired, s);
}

static void piix4_pm_reset(PCIDevice *dev)
{
    PIIX4PMState *s = PIIX4_PM(dev);

    memset(dev->config + 0x40, 0, PCI_CONFIG_SIZE - 0x40);
    pci_set_long(dev->config + PIIX4_PMBA, PCI_BASE_ADDRESS_SPACE_IO);
    /*
     * APMC_EN already set tells firmware that SMM is set up: there is no
     * SMM to set up here (QEMU does the same without SMM).
     */
    pci_set_long(dev->config + PIIX4_DEVACTB, DEVACTB_APMC_EN);
    pm_io_space_update(s);
    s->pm1_sts = s->pm1_en = s->pm1_cnt = 0;
    s->apmc = s->apms = 0;
    s->tmr_overflow_ns =
        pm_timer_next_overflow(qemu_clock_get_ns(QEMU_CLOCK_VIRTUAL));
    pm_update_sci(s);
}

static void piix4_pm_instance_init(Object *obj)
{
    qdev_init_gpio_out_named(DEVICE(obj), &PIIX4_PM(obj)->sci, "sci", 1);
}

static void piix4_pm_class_init(ObjectClass *oc, void *data)
{
    PCIDeviceClass *pc = PCI_DEVICE_CLASS(oc);

    DEVICE_CLASS(oc)->desc = "PM";
    pc->vendor_id = 0x8086;
    pc->device_id = 0x7113;
    pc->revision = 0x03;
    pc->class_id = 0x0680; /* other bridge */
    pc->interrupt_pin = 1;
    pc->realize = piix4_pm_realize;
    pc->reset = piix4_pm_reset;
    pc->config_write = piix4_pm_config_write;
}

static const TypeInfo piix4_pm_info = {
    .name = TYPE_PIIX4_PM,
    .parent = TYPE_PCI_DEVICE,
    .instance_size = sizeof(PIIX4PMState),
    .instance_init = piix4_pm_instance_init,
    .class_size = sizeof(PCIDeviceClass),
    .class_init = piix4_pm_class_init,
};

static void piix4_pm_register_types(void)
{
    type_register_static(&piix4_pm_info);
}

type_init(piix4_pm_register_types)
