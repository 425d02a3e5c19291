/*
 * MC146818A real-time clock with its CMOS RAM (Motorola MC146818A
 * datasheet), as the PC has it: an index port (bit 7 masks NMI, bits 6:0
 * pick one of 128 bytes) and a data port.
 *
 * Time is kept as a count of seconds (base_sec) that was reached at
 * base_ns on the -rtc clock (host by default, the virtual clock with
 * clock=vm); the time registers are computed from it while the clock
 * runs, and hold what the guest wrote while it is stopped (register B's
 * SET bit, or a divider that is not 32.768 kHz). A timer at each second
 * boundary carries out the update cycle: UF, the alarm comparison (AF;
 * alarm bytes with bits 7:6 set match anything) and their interrupts.
 * UIP reads as 1 in the 244 us before an update. The periodic interrupt
 * (rate from RS3-0) runs while PIE is set, as QEMU's: PF is not set with
 * PIE clear. IRQF and the IRQ line are PF.PIE + AF.AIE + UF.UIE; reading
 * register C returns the flags and clears them.
 */
#include "qemu/osdep.h"
#include "qapi/error.h"
#include "qemu/timer.h"
#include "exec/memory.h"
#include "hw/irq.h"
#include "hw/isa/isa.h"
#include "hw/rtc/mc146818rtc.h"
#include "sysemu/rtc.h"
#include <time.h>

/* Register numbers (datasheet, Figure 3: address map). */
enum {
    RTC_SECONDS = 0x00,
    RTC_SECONDS_ALARM = 0x01,
    RTC_MINUTES = 0x02,
    RTC_MINUTES_ALARM = 0x03,
    RTC_HOURS = 0x04,
    RTC_HOURS_ALARM = 0x05,
    RTC_DAY_OF_WEEK = 0x06,
    RTC_DAY_OF_MONTH = 0x07,
    RTC_MONTH = 0x08,
    RTC_YEAR = 0x09,
    RTC_REG_A = 0x0a,
    RTC_REG_B = 0x0b,
    RTC_REG_C = 0x0c,
    RTC_REG_D = 0x0d,
    RTC_CENTURY = 0x32,     /* the PC's century byte, kept with the time */
    RTC_PS2_CENTURY = 0x37, /* IBM PS/2's, set at power-on only (QEMU's) */
};

#define REG_A_UIP     0x80
#define REG_A_DV      0x70 /* divider: 0-2 run, others stop the clock */
#define REG_A_RS      0x0f /* periodic rate select */
#define REG_B_SET     0x80
#define REG_B_PIE     0x40
#define REG_B_AIE     0x20
#define REG_B_UIE     0x10
#define REG_B_SQWE    0x08
#define REG_B_DM      0x04 /* binary, not BCD */
#define REG_B_24H     0x02
#define REG_C_IRQF    0x80
#define REG_C_FLAGS   0x70 /* PF, AF, UF: the same bits as their enables */
#define REG_C_PF      0x40
#define REG_C_AF      0x20
#define REG_C_UF      0x10
#define REG_D_VRT     0x80
#define ALARM_ANY     0xc0
#define INDEX_NMI_OFF 0x80

#define RTC_FREQ    32768
#define UIP_HOLD_NS (8 * NANOSECONDS_PER_SECOND / RTC_FREQ)
#define NS_PER_SEC  NANOSECONDS_PER_SECOND
#define RTC_BASE    0x70

OBJECT_DECLARE_SIMPLE_TYPE(MC146818RtcState, MC146818_RTC)

struct MC146818RtcState {
    DeviceState parent_obj;
    MemoryRegion io;
    uint32_t iobase;
    uint32_t isairq;
    qemu_irq irq;

    uint8_t index;
    bool nmi_masked; /* index bit 7: kept, nothing to mask here */
    uint8_t cmos[RTC_CMOS_SIZE];

    QEMUClockType clock;
    int64_t base_sec; /* guest seconds since 1970 reached at base_ns */
    int64_t base_ns;  /* >= 0, as the clock is: no difference overflows */
    QEMUTimer update_timer;
    QEMUTimer periodic_timer;
    int64_t periodic_ref_ns; /* the periodic ticks count from here */
    uint32_t periodic_ticks; /* 32 kHz ticks since periodic_ref_ns */
};

static bool rtc_running(MC146818RtcState *s)
{
    return !(s->cmos[RTC_REG_B] & REG_B_SET) &&
           (s->cmos[RTC_REG_A] & REG_A_DV) <= 0x20;
}

static int64_t rtc_now_ns(MC146818RtcState *s)
{
    return qemu_clock_get_ns(s->clock);
}

/* Second base_sec begins phase ns before now. */
static void rtc_base_set(MC146818RtcState *s, int64_t sec, int64_t now,
                         int64_t phase)
{
    s->base_sec = sec;
    s->base_ns = now - phase;
    if (s->base_ns < 0) {
        s->base_ns += NS_PER_SEC;
        s->base_sec++;
    }
}

/* Nanoseconds since the last second boundary, in [0, 1 s). */
static int64_t rtc_phase(MC146818RtcState *s, int64_t now)
{
    int64_t r = (now - s->base_ns) % NS_PER_SEC;

    return r < 0 ? r + NS_PER_SEC : r;
}

static int64_t rtc_seconds(MC146818RtcState *s, int64_t now)
{
    return s->base_sec + (now - s->base_ns - rtc_phase(s, now)) / NS_PER_SEC;
}

static uint8_t rtc_to_reg(MC146818RtcState *s, int v)
{
    return (s->cmos[RTC_REG_B] & REG_B_DM) ? v : ((v / 10) << 4) | (v % 10);
}

static int rtc_from_reg(MC146818RtcState *s, uint8_t v)
{
    return (s->cmos[RTC_REG_B] & REG_B_DM) ? v : (v >> 4) * 10 + (v & 0x0f);
}

/* Hours 0-23 as the register has them: 12-hour mode is 1-12, bit 7 PM. */
static uint8_t rtc_hour_to_reg(MC146818RtcState *s, int hour)
{
    if (s->cmos[RTC_REG_B] & REG_B_24H) {
        return rtc_to_reg(s, hour);
    }
    return rtc_to_reg(s, hour % 12 ? hour % 12 : 12) | (hour >= 12 ? 0x80 : 0);
}

static int rtc_hour_from_reg(MC146818RtcState *s, uint8_t v)
{
    int h;

    if (s->cmos[RTC_REG_B] & REG_B_24H) {
        return rtc_from_reg(s, v);
    }
    h = rtc_from_reg(s, v & 0x7f) % 12;
    return (v & 0x80) ? h + 12 : h;
}

/* Write the time of second sec into the time registers. */
static void rtc_store_time(MC146818RtcState *s, int64_t sec)
{
    time_t t = sec;
    struct tm tm = { .tm_mday = 1 };

    gmtime_r(&t, &tm); /* years past INT_MAX: left at 1900-01-01 */
    s->cmos[RTC_SECONDS] = rtc_to_reg(s, tm.tm_sec);
    s->cmos[RTC_MINUTES] = rtc_to_reg(s, tm.tm_min);
    s->cmos[RTC_HOURS] = rtc_hour_to_reg(s, tm.tm_hour);
    s->cmos[RTC_DAY_OF_WEEK] = rtc_to_reg(s, tm.tm_wday + 1);
    s->cmos[RTC_DAY_OF_MONTH] = rtc_to_reg(s, tm.tm_mday);
    s->cmos[RTC_MONTH] = rtc_to_reg(s, tm.tm_mon + 1);
    s->cmos[RTC_YEAR] = rtc_to_reg(s, (tm.tm_year + 1900) % 100);
    s->cmos[RTC_CENTURY] = rtc_to_reg(s, (tm.tm_year + 1900) / 100);
}

/*
 * The time the registers hold. Out-of-range values (BCD nibbles above 9,
 * month 13) are carried over as timegm() does: the clock runs on from
 * there, as it would from any time.
 */
static int64_t rtc_load_time(MC146818RtcState *s)
{
    struct tm tm = {
        .tm_sec = rtc_from_reg(s, s->cmos[RTC_SECONDS]),
        .tm_min = rtc_from_reg(s, s->cmos[RTC_MINUTES]),
        .tm_hour = rtc_hour_from_reg(s, s->cmos[RTC_HOURS]),
        .tm_mday = rtc_from_reg(s, s->cmos[RTC_DAY_OF_MONTH]),
        .tm_mon = rtc_from_reg(s, s->cmos[RTC_MONTH]) - 1,
        .tm_year = rtc_from_reg(s, s->cmos[RTC_CENTURY]) * 100 +
                   rtc_from_reg(s, s->cmos[RTC_YEAR]) - 1900,
    };

    return timegm(&tm);
}

static void rtc_update_irq(MC146818RtcState *s)
{
    bool irqf = s->cmos[RTC_REG_C] & s->cmos[RTC_REG_B] & REG_C_FLAGS;

    s->cmos[RTC_REG_C] =
        (s->cmos[RTC_REG_C] & REG_C_FLAGS) | (irqf ? REG_C_IRQF : 0);
    qemu_set_irq(s->irq, irqf);
}

/* Arm the update cycle for the next second boundary while running. */
static void rtc_arm_update(MC146818RtcState *s)
{
    int64_t now = rtc_now_ns(s);

    if (rtc_running(s)) {
        timer_mod(&s->update_timer,
                  qemu_timer_deadline_add(now - rtc_phase(s, now), NS_PER_SEC));
    } else {
        timer_del(&s->update_timer);
    }
}

static bool rtc_alarm_matches(uint8_t alarm, uint8_t now)
{
    return (alarm & ALARM_ANY) == ALARM_ANY || alarm == now;
}

/* The update cycle (datasheet, "Update cycle"): UF, then the alarm. */
static void rtc_update(void *opaque)
{
    MC146818RtcState *s = opaque;
    int64_t now = rtc_now_ns(s);

    if (!rtc_running(s)) {
        return;
    }
    rtc_store_time(s, rtc_seconds(s, now));
    s->cmos[RTC_REG_C] |= REG_C_UF;
    if (rtc_alarm_matches(s->cmos[RTC_SECONDS_ALARM], s->cmos[RTC_SECONDS]) &&
        rtc_alarm_matches(s->cmos[RTC_MINUTES_ALARM], s->cmos[RTC_MINUTES]) &&
        rtc_alarm_matches(s->cmos[RTC_HOURS_ALARM], s->cmos[RTC_HOURS])) {
        s->cmos[RTC_REG_C] |= REG_C_AF;
    }
    rtc_update_irq(s);
    rtc_arm_update(s);
}

/* The periodic rate in 32 kHz ticks (datasheet, Table 5), or 0: none. */
static uint32_t rtc_period_ticks(MC146818RtcState *s)
{
    unsigned rs = s->cmos[RTC_REG_A] & REG_A_RS;

    if (rs == 0 || !(s->cmos[RTC_REG_B] & REG_B_PIE) ||
        (s->cmos[RTC_REG_A] & REG_A_DV) > 0x20) {
        return 0;
    }
    return 1u << ((rs <= 2 ? rs + 7 : rs) - 1);
}

static int64_t rtc_ticks_to_ns(uint64_t ticks)
{
    return ticks * NS_PER_SEC / RTC_FREQ;
}

static void rtc_arm_periodic(MC146818RtcState *s)
{
    uint32_t period = rtc_period_ticks(s);

    if (!period) {
        timer_del(&s->periodic_timer);
        return;
    }
    s->periodic_ticks += period;
    /* Keep the tick count small: fold whole seconds into the reference. */
    while (s->periodic_ticks >= RTC_FREQ) {
        s->periodic_ticks -= RTC_FREQ;
        s->periodic_ref_ns =
            qemu_timer_deadline_add(s->periodic_ref_ns, NS_PER_SEC);
    }
    timer_mod(&s->periodic_timer,
              qemu_timer_deadline_add(s->periodic_ref_ns,
                                      rtc_ticks_to_ns(s->periodic_ticks)));
}

/* A new rate or PIE: the next interrupt is one period from now. */
static void rtc_restart_periodic(MC146818RtcState *s)
{
    s->periodic_ref_ns = rtc_now_ns(s);
    s->periodic_ticks = 0;
    rtc_arm_periodic(s);
}

static void rtc_periodic(void *opaque)
{
    MC146818RtcState *s = opaque;

    s->cmos[RTC_REG_C] |= REG_C_PF;
    rtc_update_irq(s);
    rtc_arm_periodic(s);
}

/* The clock stops: the registers keep the time it had. */
static void rtc_freeze(MC146818RtcState *s)
{
    rtc_store_time(s, rtc_seconds(s, rtc_now_ns(s)));
}

/* Run on from the time in the registers, phase ns into its second. */
static void rtc_restart(MC146818RtcState *s, int64_t phase)
{
    rtc_base_set(s, rtc_load_time(s), rtc_now_ns(s), phase);
    rtc_arm_update(s);
}

static bool rtc_is_time_reg(unsigned reg)
{
    return reg == RTC_SECONDS || reg == RTC_MINUTES || reg == RTC_HOURS ||
           (reg >= RTC_DAY_OF_WEEK && reg <= RTC_YEAR) || reg == RTC_CENTURY;
}

static void rtc_write_reg_a(MC146818RtcState *s, uint8_t v)
{
    bool was_running = rtc_running(s);
    uint8_t old = s->cmos[RTC_REG_A];

    if (was_running) {
        rtc_freeze(s);
    }
    s->cmos[RTC_REG_A] = v & ~REG_A_UIP;
    if (!was_running && rtc_running(s)) {
        /* Out of divider reset, the first update comes 500 ms later. */
        rtc_restart(s, NS_PER_SEC / 2);
    } else if (was_running) {
        rtc_restart(s, rtc_phase(s, rtc_now_ns(s)));
    }
    if ((old ^ v) & (REG_A_DV | REG_A_RS)) {
        rtc_restart_periodic(s);
    }
}

static void rtc_write_reg_b(MC146818RtcState *s, uint8_t v)
{
    bool was_running = rtc_running(s);
    uint8_t old = s->cmos[RTC_REG_B];

    if (was_running) {
        rtc_freeze(s);
    }
    if (v & REG_B_SET) {
        v &= ~REG_B_UIE; /* datasheet: SET clears UIE */
    }
    s->cmos[RTC_REG_B] = v;
    if (rtc_running(s)) {
        rtc_restart(s, rtc_phase(s, rtc_now_ns(s)));
    } else {
        timer_del(&s->update_timer);
    }
    if ((old ^ v) & REG_B_PIE) {
        rtc_restart_periodic(s);
    }
    rtc_update_irq(s);
}

static uint8_t rtc_read_data(MC146818RtcState *s)
{
    unsigned reg = s->index;
    int64_t now = rtc_now_ns(s);
    uint8_t v;

    if (rtc_is_time_reg(reg) && rtc_running(s)) {
        rtc_store_time(s, rtc_seconds(s, now));
    }
    switch (reg) {
    case RTC_REG_A:
        v = s->cmos[RTC_REG_A];
        if (rtc_running(s) && NS_PER_SEC - rtc_phase(s, now) <= UIP_HOLD_NS) {
            v |= REG_A_UIP;
        }
        return v;
    case RTC_REG_C:
        v = s->cmos[RTC_REG_C];
        s->cmos[RTC_REG_C] = 0;
        rtc_update_irq(s);
        return v;
    case RTC_REG_D:
        return REG_D_VRT;
    default:
        return s->cmos[reg];
    }
}

static void rtc_write_data(MC146818RtcState *s, uint8_t v)
{
    unsigned reg = s->index;

    if (rtc_is_time_reg(reg)) {
        if (rtc_running(s)) {
            rtc_freeze(s);
            s->cmos[reg] = v;
            rtc_restart(s, rtc_phase(s, rtc_now_ns(s)));
        } else {
            s->cmos[reg] = v;
        }
        return;
    }
    switch (reg) {
    case RTC_REG_A:
        rtc_write_reg_a(s, v);
        break;
    case RTC_REG_B:
        rtc_write_reg_b(s, v);
        break;
    case RTC_REG_C:
    case RTC_REG_D:
        break; /* read-only */
    default:
        s->cmos[reg] = v;
        break;
    }
}

static uint64_t rtc_io_read(void *opaque, hwaddr addr, unsigned size)
{
    MC146818RtcState *s = opaque;

    /* The index port is write-only: it floats, as on QEMU's PC. */
    return addr == 0 ? 0xff : rtc_read_data(s);
}

static void rtc_io_write(void *opaque, hwaddr addr, uint64_t val, unsigned size)
{
    MC146818RtcState *s = opaque;

    if (addr == 0) {
        s->index = val & (RTC_CMOS_SIZE - 1);
        s->nmi_masked = val & INDEX_NMI_OFF;
    } else {
        rtc_write_data(s, val);
    }
}

static const MemoryRegionOps rtc_io_ops = {
    .read = rtc_io_read,
    .write = rtc_io_write,
    .endianness = DEVICE_LITTLE_ENDIAN,
    .valid = { .min_access_size = 1, .max_access_size = 4, .unaligned = true },
    .impl = { .min_access_size = 1, .max_access_size = 1 },
};

void mc146818rtc_set_cmos(DeviceState *dev, unsigned addr, uint8_t val)
{
    MC146818RtcState *s = MC146818_RTC(dev);

    g_assert(addr > RTC_REG_D && addr < RTC_CMOS_SIZE);
    s->cmos[addr] = val;
}

static void rtc_init(Object *obj)
{
    MC146818RtcState *s = MC146818_RTC(obj);

    s->clock = rtc_clock_type();
    timer_init_ns(&s->update_timer, s->clock, rtc_update, s);
    timer_init_ns(&s->periodic_timer, s->clock, rtc_periodic, s);
}

static void rtc_realize(DeviceState *dev, GError **errp)
{
    MC146818RtcState *s = MC146818_RTC(dev);
    ISABus *bus = isa_bus_find(TYPE_MC146818_RTC, errp);
    int64_t now = rtc_now_ns(s);
    int64_t host = qemu_clock_get_ns(QEMU_CLOCK_HOST);

    if (!bus) {
        return;
    }
    if (s->iobase > 0x10000 - 2) {
        error_setg(errp, "mc146818rtc: iobase 0x%x is beyond the I/O space",
                   s->iobase);
        return;
    }
    s->irq = isa_bus_get_irq(bus, s->isairq, TYPE_MC146818_RTC, errp);
    if (!s->irq) {
        return;
    }
    /* Power-on: 32.768 kHz, 1024 Hz rate, BCD, 24-hour (as QEMU's). */
    s->cmos[RTC_REG_A] = 0x26;
    s->cmos[RTC_REG_B] = REG_B_24H;
    s->cmos[RTC_REG_D] = REG_D_VRT;
    rtc_base_set(s, host / NS_PER_SEC + rtc_base_offset_sec(), now,
                 host % NS_PER_SEC);
    rtc_store_time(s, rtc_seconds(s, now));
    s->cmos[RTC_PS2_CENTURY] = s->cmos[RTC_CENTURY];
    memory_region_init_io(&s->io, OBJECT(s), &rtc_io_ops, s, "rtc", 2);
    memory_region_add_subregion(get_system_io(), s->iobase, &s->io);
}

/* RESET (datasheet): the interrupt enables and flags clear; time runs on. */
static void rtc_reset(DeviceState *dev)
{
    MC146818RtcState *s = MC146818_RTC(dev);

    s->cmos[RTC_REG_B] &= ~(REG_B_PIE | REG_B_AIE | REG_B_UIE | REG_B_SQWE);
    s->cmos[RTC_REG_C] = 0;
    rtc_update_irq(s);
    rtc_arm_update(s);
    rtc_restart_periodic(s);
}

static const Property rtc_props[] = {
    DEFINE_PROP_UINT32("iobase", MC146818RtcState, iobase, RTC_BASE),
    DEFINE_PROP_UINT32("irq", MC146818RtcState, isairq, RTC_ISA_IRQ),
    DEFINE_PROP_END_OF_LIST(),
};

static void rtc_class_init(ObjectClass *oc, void *data)
{
    DeviceClass *dc = DEVICE_CLASS(oc);

    dc->desc = "MC146818 real-time clock and CMOS RAM";
    dc->bus_type = TYPE_ISA_BUS;
    dc->realize = rtc_realize;
    dc->reset = rtc_reset;
    device_class_set_props(dc, rtc_props);
}

static const TypeInfo rtc_info = {
    .name = TYPE_MC146818_RTC,
    .parent = TYPE_DEVICE,
    .instance_size = sizeof(MC146818RtcState),
    .instance_init = rtc_init,
    .class_init = rtc_class_init,
};

static void rtc_register_types(void)
{
    type_register_static(&rtc_info);
}

type_init(rtc_register_types)
