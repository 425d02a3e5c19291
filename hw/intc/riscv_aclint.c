/*
 * RISC-V ACLINT (Advanced Core Local Interruptor): the MSWI/SSWI
 * software-interrupt devices and the MTIMER machine timer.
 *
 * MTIMER keeps mtime as the virtual clock converted to ticks of
 * timebase-freq plus an offset that guest writes to mtime adjust. Each
 * hart has a QEMUTimer on the virtual clock armed for the instant mtime
 * reaches its mtimecmp, so the timer line rises exactly then; any write to
 * mtime or mtimecmp re-evaluates the comparison.
 */
#include "qemu/osdep.h"
#include "qemu/log.h"
#include "hw/intc/riscv_aclint.h"

/* ---- MSWI / SSWI ---- */

#define SWI_REG_SIZE 4

static uint64_t riscv_aclint_swi_read(void *opaque, hwaddr addr, unsigned size)
{
    RISCVAclintSwiState *s = opaque;
    hwaddr hart = addr / SWI_REG_SIZE;

    if (addr % SWI_REG_SIZE || hart >= s->num_harts) {
        qemu_log_mask(LOG_GUEST_ERROR,
                      "%s: invalid register 0x%" HWADDR_PRIx "\n", __func__,
                      addr);
        return 0;
    }
    /* SETSSIP reads as zero; MSIP holds its bit 0. */
    return s->sswi ? 0 : s->msip[hart];
}

static void riscv_aclint_swi_write(void *opaque, hwaddr addr, uint64_t val,
                                   unsigned size)
{
    RISCVAclintSwiState *s = opaque;
    hwaddr hart = addr / SWI_REG_SIZE;

    if (addr % SWI_REG_SIZE || hart >= s->num_harts) {
        qemu_log_mask(LOG_GUEST_ERROR,
                      "%s: invalid register 0x%" HWADDR_PRIx " value 0x%" PRIx64
                      "\n",
                      __func__, addr, val);
        return;
    }
    if (s->sswi) {
        /* Writing 1 sets the hart's SSIP; writing 0 does nothing. */
        if (val & 1) {
            qemu_irq_raise(s->irqs[hart]);
        }
        return;
    }
    s->msip[hart] = val & 1;
    qemu_set_irq(s->irqs[hart], s->msip[hart]);
}

static const MemoryRegionOps riscv_aclint_swi_ops = {
    .read = riscv_aclint_swi_read,
    .write = riscv_aclint_swi_write,
    .endianness = DEVICE_LITTLE_ENDIAN,
    .valid = {
        .min_access_size = 4,
        .max_access_size = 4,
    },
};

static void riscv_aclint_swi_reset(DeviceState *dev)
{
    RISCVAclintSwiState *s = RISCV_ACLINT_SWI(dev);

    for (uint32_t i = 0; i < s->num_harts; i++) {
        s->msip[i] = false;
        qemu_irq_lower(s->irqs[i]);
    }
}

static void riscv_aclint_swi_realize(DeviceState *dev, GError **errp)
{
    RISCVAclintSwiState *s = RISCV_ACLINT_SWI(dev);

    if (s->num_harts < 1 || s->num_harts > RISCV_ACLINT_MAX_HARTS) {
        error_setg(errp, "num-harts %u is not in 1..%u", s->num_harts,
                   RISCV_ACLINT_MAX_HARTS);
        return;
    }
    if ((uint64_t)s->hartid_base + s->num_harts - 1 > UINT32_MAX) {
        error_setg(errp, "hartid-base %u with %u harts overflows",
                   s->hartid_base, s->num_harts);
        return;
    }
    if (s->sswi > 1) {
        error_setg(errp, "sswi must be 0 (MSWI) or 1 (SSWI), not %u", s->sswi);
        return;
    }
    s->msip = g_new0(bool, s->num_harts);
    s->irqs = g_new0(qemu_irq, s->num_harts);
    memory_region_init_io(&s->mmio, OBJECT(s), &riscv_aclint_swi_ops, s,
                          TYPE_RISCV_ACLINT_SWI, RISCV_ACLINT_SWI_SIZE);
    sysbus_init_mmio(SYS_BUS_DEVICE(s), &s->mmio);
    qdev_init_gpio_out(dev, s->irqs, s->num_harts);
}

static void riscv_aclint_swi_finalize(Object *obj)
{
    RISCVAclintSwiState *s = RISCV_ACLINT_SWI(obj);

    if (s->mmio.name) { /* realized */
        memory_region_destroy(&s->mmio);
    }
    g_free(s->msip);
    g_free(s->irqs);
}

static const Property riscv_aclint_swi_props[] = {
    DEFINE_PROP_UINT32("hartid-base", RISCVAclintSwiState, hartid_base, 0),
    DEFINE_PROP_UINT32("num-harts", RISCVAclintSwiState, num_harts, 1),
    DEFINE_PROP_UINT32("sswi", RISCVAclintSwiState, sswi, 0),
    DEFINE_PROP_END_OF_LIST(),
};

static void riscv_aclint_swi_class_init(ObjectClass *klass, void *data)
{
    DeviceClass *dc = DEVICE_CLASS(klass);

    dc->desc = "RISC-V ACLINT software interrupt device";
    dc->realize = riscv_aclint_swi_realize;
    dc->reset = riscv_aclint_swi_reset;
    device_class_set_props(dc, riscv_aclint_swi_props);
}

/* ---- MTIMER ---- */

#define MTIMER_REG_SIZE 8

/* Ticks of the timebase since virtual time 0 (not reduced mod 2^64). */
static unsigned __int128 mtimer_raw_ticks(RISCVAclintMTimerState *s, int64_t ns)
{
    return (unsigned __int128)(uint64_t)ns * s->timebase_freq /
           NANOSECONDS_PER_SECOND;
}

static uint64_t mtimer_time_at(RISCVAclintMTimerState *s, int64_t ns)
{
    return (uint64_t)mtimer_raw_ticks(s, ns) + s->time_offset;
}

uint64_t riscv_aclint_mtimer_get_time(DeviceState *mtimer)
{
    RISCVAclintMTimerState *s = RISCV_ACLINT_MTIMER(mtimer);

    return mtimer_time_at(s, qemu_clock_get_ns(QEMU_CLOCK_VIRTUAL));
}

int64_t riscv_aclint_mtimer_deadline_ns(DeviceState *mtimer, uint64_t ticks)
{
    RISCVAclintMTimerState *s = RISCV_ACLINT_MTIMER(mtimer);
    int64_t now = qemu_clock_get_ns(QEMU_CLOCK_VIRTUAL);
    unsigned __int128 raw = mtimer_raw_ticks(s, now);
    uint64_t time = (uint64_t)raw + s->time_offset;
    unsigned __int128 target, ns;

    if (time >= ticks) {
        return now;
    }
    /* The first instant at which the raw tick count reaches target. */
    target = raw + (ticks - time);
    ns = (target * NANOSECONDS_PER_SECOND + s->timebase_freq - 1) /
         s->timebase_freq;
    return ns >= QEMU_TIMER_NEVER ? QEMU_TIMER_NEVER : (int64_t)ns;
}

/* Drive the hart's line from mtime >= mtimecmp and arm the next rise. */
static void mtimer_update_hart(RISCVAclintMTimerHart *h)
{
    RISCVAclintMTimerState *s = h->mtimer;
    int64_t now = qemu_clock_get_ns(QEMU_CLOCK_VIRTUAL);
    int64_t deadline;

    if (mtimer_time_at(s, now) >= h->timecmp) {
        timer_del(&h->timer);
        qemu_irq_raise(s->irqs[h->index]);
        return;
    }
    qemu_irq_lower(s->irqs[h->index]);
    deadline = riscv_aclint_mtimer_deadline_ns(DEVICE(s), h->timecmp);
    timer_mod(&h->timer, deadline); /* QEMU_TIMER_NEVER: deleted */
}

static void mtimer_timer_cb(void *opaque)
{
    mtimer_update_hart(opaque);
}

/* Replace the 32-bit half of old at byte offset part (0 or 4), or all. */
static uint64_t mtimer_merge(uint64_t old, uint64_t val, hwaddr part,
                             unsigned size)
{
    if (size == 8) {
        return val;
    }
    if (part == 0) {
        return (old & 0xffffffff00000000ULL) | (uint32_t)val;
    }
    return (old & 0xffffffffULL) | ((uint64_t)(uint32_t)val << 32);
}

static uint64_t mtimer_extract(uint64_t reg, hwaddr part, unsigned size)
{
    return size == 8 ? reg : (uint32_t)(reg >> (part * 8));
}

/*
 * Find the register at addr: *hart is the mtimecmp index, or -1 for
 * mtime; *part the byte offset inside the 8-byte register.
 */
static bool mtimer_decode(RISCVAclintMTimerState *s, hwaddr addr, unsigned size,
                          int64_t *hart, hwaddr *part)
{
    if (addr >= s->timecmp_base &&
        addr - s->timecmp_base < (uint64_t)s->num_harts * MTIMER_REG_SIZE) {
        *hart = (addr - s->timecmp_base) / MTIMER_REG_SIZE;
        *part = (addr - s->timecmp_base) % MTIMER_REG_SIZE;
    } else if (addr >= s->time_base && addr - s->time_base < MTIMER_REG_SIZE) {
        *hart = -1;
        *part = addr - s->time_base;
    } else {
        return false;
    }
    /* 4-byte accesses to either half, 8-byte ones to the whole. */
    return *part % 4 == 0 && *part + size <= MTIMER_REG_SIZE;
}

static uint64_t riscv_aclint_mtimer_read(void *opaque, hwaddr addr,
                                         unsigned size)
{
    RISCVAclintMTimerState *s = opaque;
    int64_t hart;
    hwaddr part;

    if (!mtimer_decode(s, addr, size, &hart, &part)) {
        qemu_log_mask(LOG_GUEST_ERROR,
                      "%s: invalid %u-byte read at 0x%" HWADDR_PRIx "\n",
                      __func__, size, addr);
        return 0;
    }
    if (hart < 0) {
        return mtimer_extract(riscv_aclint_mtimer_get_time(DEVICE(s)), part,
                              size);
    }
    return mtimer_extract(s->harts[hart].timecmp, part, size);
}

static void riscv_aclint_mtimer_write(void *opaque, hwaddr addr, uint64_t val,
                                      unsigned size)
{
    RISCVAclintMTimerState *s = opaque;
    int64_t hart;
    hwaddr part;

    if (!mtimer_decode(s, addr, size, &hart, &part)) {
        qemu_log_mask(LOG_GUEST_ERROR,
                      "%s: invalid %u-byte write at 0x%" HWADDR_PRIx
                      " value 0x%" PRIx64 "\n",
                      __func__, size, addr, val);
        return;
    }
    if (hart < 0) {
        int64_t now = qemu_clock_get_ns(QEMU_CLOCK_VIRTUAL);
        uint64_t time = mtimer_merge(mtimer_time_at(s, now), val, part, size);

        s->time_offset = time - (uint64_t)mtimer_raw_ticks(s, now);
        for (uint32_t i = 0; i < s->num_harts; i++) {
            mtimer_update_hart(&s->harts[i]);
        }
        return;
    }
    s->harts[hart].timecmp =
        mtimer_merge(s->harts[hart].timecmp, val, part, size);
    mtimer_update_hart(&s->harts[hart]);
}

static const MemoryRegionOps riscv_aclint_mtimer_ops = {
    .read = riscv_aclint_mtimer_read,
    .write = riscv_aclint_mtimer_write,
    .endianness = DEVICE_LITTLE_ENDIAN,
    .valid = {
        .min_access_size = 4,
        .max_access_size = 8,
    },
};

/* mtime restarts from 0; mtimecmp is 0, so every timer line is high. */
static void riscv_aclint_mtimer_reset(DeviceState *dev)
{
    RISCVAclintMTimerState *s = RISCV_ACLINT_MTIMER(dev);
    int64_t now = qemu_clock_get_ns(QEMU_CLOCK_VIRTUAL);

    s->time_offset = -(uint64_t)mtimer_raw_ticks(s, now);
    for (uint32_t i = 0; i < s->num_harts; i++) {
        s->harts[i].timecmp = 0;
        mtimer_update_hart(&s->harts[i]);
    }
}

static void riscv_aclint_mtimer_realize(DeviceState *dev, GError **errp)
{
    RISCVAclintMTimerState *s = RISCV_ACLINT_MTIMER(dev);
    uint64_t timecmp_end;

    if (s->num_harts < 1 || s->num_harts > RISCV_ACLINT_MAX_HARTS) {
        error_setg(errp, "num-harts %u is not in 1..%u", s->num_harts,
                   RISCV_ACLINT_MAX_HARTS);
        return;
    }
    if ((uint64_t)s->hartid_base + s->num_harts - 1 > UINT32_MAX) {
        error_setg(errp, "hartid-base %u with %u harts overflows",
                   s->hartid_base, s->num_harts);
        return;
    }
    if (s->timebase_freq == 0) {
        error_setg(errp, "timebase-freq must not be 0");
        return;
    }
    if (s->timecmp_base % MTIMER_REG_SIZE || s->time_base % MTIMER_REG_SIZE) {
        error_setg(errp,
                   "timecmp-base 0x%x and time-base 0x%x must be multiples "
                   "of 8",
                   s->timecmp_base, s->time_base);
        return;
    }
    timecmp_end = s->timecmp_base + (uint64_t)s->num_harts * MTIMER_REG_SIZE;
    if (timecmp_end > s->aperture_size ||
        (uint64_t)s->time_base + MTIMER_REG_SIZE > s->aperture_size) {
        error_setg(errp,
                   "aperture-size 0x%x cannot hold mtimecmp [0x%x, 0x%" PRIx64
                   ") and mtime at 0x%x",
                   s->aperture_size, s->timecmp_base, timecmp_end,
                   s->time_base);
        return;
    }
    if (s->time_base < timecmp_end && s->timecmp_base < s->time_base + 8) {
        error_setg(errp,
                   "mtime at 0x%x overlaps mtimecmp [0x%x, 0x%" PRIx64 ")",
                   s->time_base, s->timecmp_base, timecmp_end);
        return;
    }

    s->harts = g_new0(RISCVAclintMTimerHart, s->num_harts);
    for (uint32_t i = 0; i < s->num_harts; i++) {
        s->harts[i].mtimer = s;
        s->harts[i].index = i;
        timer_init_ns(&s->harts[i].timer, QEMU_CLOCK_VIRTUAL, mtimer_timer_cb,
                      &s->harts[i]);
    }
    s->irqs = g_new0(qemu_irq, s->num_harts);
    memory_region_init_io(&s->mmio, OBJECT(s), &riscv_aclint_mtimer_ops, s,
                          TYPE_RISCV_ACLINT_MTIMER, s->aperture_size);
    sysbus_init_mmio(SYS_BUS_DEVICE(s), &s->mmio);
    qdev_init_gpio_out(dev, s->irqs, s->num_harts);
}

static void riscv_aclint_mtimer_finalize(Object *obj)
{
    RISCVAclintMTimerState *s = RISCV_ACLINT_MTIMER(obj);

    if (s->mmio.name) { /* realized */
        memory_region_destroy(&s->mmio);
    }
    if (s->harts) {
        for (uint32_t i = 0; i < s->num_harts; i++) {
            timer_del(&s->harts[i].timer);
        }
    }
    g_free(s->harts);
    g_free(s->irqs);
}

static const Property riscv_aclint_mtimer_props[] = {
    DEFINE_PROP_UINT32("hartid-base", RISCVAclintMTimerState, hartid_base, 0),
    DEFINE_PROP_UINT32("num-harts", RISCVAclintMTimerState, num_harts, 1),
    DEFINE_PROP_UINT32("timecmp-base", RISCVAclintMTimerState, timecmp_base,
                       RISCV_ACLINT_DEFAULT_MTIMECMP),
    DEFINE_PROP_UINT32("time-base", RISCVAclintMTimerState, time_base,
                       RISCV_ACLINT_DEFAULT_MTIME),
    DEFINE_PROP_UINT32("aperture-size", RISCVAclintMTimerState, aperture_size,
                       RISCV_ACLINT_DEFAULT_MTIMER_SIZE),
    DEFINE_PROP_UINT32("timebase-freq", RISCVAclintMTimerState, timebase_freq,
                       RISCV_ACLINT_DEFAULT_TIMEBASE_FREQ),
    DEFINE_PROP_END_OF_LIST(),
};

static void riscv_aclint_mtimer_class_init(ObjectClass *klass, void *data)
{
    DeviceClass *dc = DEVICE_CLASS(klass);

    dc->desc = "RISC-V ACLINT machine timer";
    dc->realize = riscv_aclint_mtimer_realize;
    dc->reset = riscv_aclint_mtimer_reset;
    device_class_set_props(dc, riscv_aclint_mtimer_props);
}

static const TypeInfo riscv_aclint_types[] = {
    {
        .name = TYPE_RISCV_ACLINT_SWI,
        .parent = TYPE_SYS_BUS_DEVICE,
        .instance_size = sizeof(RISCVAclintSwiState),
        .instance_finalize = riscv_aclint_swi_finalize,
        .class_init = riscv_aclint_swi_class_init,
    },
    {
        .name = TYPE_RISCV_ACLINT_MTIMER,
        .parent = TYPE_SYS_BUS_DEVICE,
        .instance_size = sizeof(RISCVAclintMTimerState),
        .instance_finalize = riscv_aclint_mtimer_finalize,
        .class_init = riscv_aclint_mtimer_class_init,
    },
};

static void riscv_aclint_register_types(void)
{
    type_register_static_array(riscv_aclint_types,
                               ARRAY_SIZE(riscv_aclint_types));
}

type_init(riscv_aclint_register_types)
