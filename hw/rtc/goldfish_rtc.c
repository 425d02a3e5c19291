/*
 * Goldfish RTC (Android emulator virtual hardware).
 *
 * The guest sees a 64-bit count of nanoseconds since the Unix epoch. It
 * follows the host's wall clock, shifted by whatever the guest sets through
 * TIME_LOW/TIME_HIGH. One alarm, kept in guest time, raises the interrupt
 * when the count reaches it; the interrupt stays pending until the guest
 * clears it, and reaches the IRQ line only while IRQ_ENABLED is set.
 */
#include "qemu/osdep.h"
#include "sysemu/rtc.h"
#include "qemu/log.h"
#include "hw/irq.h"
#include "hw/rtc/goldfish_rtc.h"

static uint64_t goldfish_rtc_now(GoldfishRTCState *s)
{
    return (uint64_t)qemu_clock_get_ns(QEMU_CLOCK_HOST) + s->tick_offset;
}

static void goldfish_rtc_update_irq(GoldfishRTCState *s)
{
    qemu_set_irq(s->irq, s->irq_pending && s->irq_enabled);
}

static void goldfish_rtc_raise_alarm(GoldfishRTCState *s)
{
    s->alarm_running = false;
    s->irq_pending = true;
    goldfish_rtc_update_irq(s);
}

static void goldfish_rtc_timer_cb(void *opaque)
{
    goldfish_rtc_raise_alarm(opaque);
}

/* Arm the host timer for alarm_next, or fire now if it has passed. */
static void goldfish_rtc_arm_alarm(GoldfishRTCState *s)
{
    int64_t host_now = qemu_clock_get_ns(QEMU_CLOCK_HOST);
    uint64_t now = (uint64_t)host_now + s->tick_offset;
    uint64_t delta;

    if (s->alarm_next <= now) {
        timer_del(&s->timer);
        goldfish_rtc_raise_alarm(s);
        return;
    }
    delta = s->alarm_next - now;
    s->alarm_running = true;
    timer_mod(&s->timer, qemu_timer_deadline_add(host_now, delta));
}

static void goldfish_rtc_clear_alarm(GoldfishRTCState *s)
{
    timer_del(&s->timer);
    s->alarm_running = false;
}

/* Set bits [shift, shift + 32) of the guest's time to value. */
static void goldfish_rtc_set_time_bits(GoldfishRTCState *s, unsigned shift,
                                       uint32_t value)
{
    uint64_t now = goldfish_rtc_now(s);
    uint64_t mask = (uint64_t)UINT32_MAX << shift;
    uint64_t want = (now & ~mask) | ((uint64_t)value << shift);

    s->tick_offset += want - now;
    if (s->alarm_running) {
        /* The alarm is in guest time: it moves with the clock. */
        goldfish_rtc_arm_alarm(s);
    }
}

static uint64_t goldfish_rtc_read(void *opaque, hwaddr addr, unsigned size)
{
    GoldfishRTCState *s = opaque;
    uint64_t now;

    switch (addr) {
    case RTC_TIME_LOW:
        now = goldfish_rtc_now(s);
        s->time_high = now >> 32;
        return (uint32_t)now;
    case RTC_TIME_HIGH:
        return s->time_high;
    case RTC_ALARM_LOW:
        return (uint32_t)s->alarm_next;
    case RTC_ALARM_HIGH:
        return s->alarm_next >> 32;
    case RTC_IRQ_ENABLED:
        return s->irq_enabled;
    case RTC_ALARM_STATUS:
        return s->alarm_running;
    default:
        qemu_log_mask(LOG_GUEST_ERROR,
                      "%s: read of write-only or unknown offset 0x%" HWADDR_PRIx
                      "\n",
                      __func__, addr);
        return 0;
    }
}

static void goldfish_rtc_write(void *opaque, hwaddr addr, uint64_t val,
                               unsigned size)
{
    GoldfishRTCState *s = opaque;
    uint32_t value = val;

    switch (addr) {
    case RTC_TIME_LOW:
        goldfish_rtc_set_time_bits(s, 0, value);
        break;
    case RTC_TIME_HIGH:
        goldfish_rtc_set_time_bits(s, 32, value);
        break;
    case RTC_ALARM_LOW:
        s->alarm_next = (s->alarm_next & ~(uint64_t)UINT32_MAX) | value;
        goldfish_rtc_arm_alarm(s);
        break;
    case RTC_ALARM_HIGH:
        s->alarm_next = (s->alarm_next & UINT32_MAX) | ((uint64_t)value << 32);
        break;
    case RTC_IRQ_ENABLED:
        s->irq_enabled = value & 1;
        goldfish_rtc_update_irq(s);
        break;
    case RTC_CLEAR_ALARM:
        goldfish_rtc_clear_alarm(s);
        break;
    case RTC_CLEAR_INTERRUPT:
        s->irq_pending = false;
        goldfish_rtc_update_irq(s);
        break;
    default:
        qemu_log_mask(LOG_GUEST_ERROR,
                      "%s: write of read-only or unknown offset 0x%" HWADDR_PRIx
                      " value 0x%" PRIx32 "\n",
                      __func__, addr, value);
        break;
    }
}

static const MemoryRegionOps goldfish_rtc_ops_le = {
    .read = goldfish_rtc_read,
    .write = goldfish_rtc_write,
    .endianness = DEVICE_LITTLE_ENDIAN,
    .valid = {
        .min_access_size = 4,
        .max_access_size = 4,
    },
};

static const MemoryRegionOps goldfish_rtc_ops_be = {
    .read = goldfish_rtc_read,
    .write = goldfish_rtc_write,
    .endianness = DEVICE_BIG_ENDIAN,
    .valid = {
        .min_access_size = 4,
        .max_access_size = 4,
    },
};

static void goldfish_rtc_init(Object *obj)
{
    GoldfishRTCState *s = GOLDFISH_RTC(obj);

    sysbus_init_irq(SYS_BUS_DEVICE(obj), &s->irq);
    timer_init_ns(&s->timer, QEMU_CLOCK_HOST, goldfish_rtc_timer_cb, s);
    /*
     * The clock starts at host time moved by -rtc base=; reset keeps what
     * the guest set.
     */
    s->tick_offset = rtc_base_offset_ns();
}

static void goldfish_rtc_realize(DeviceState *dev, GError **errp)
{
    GoldfishRTCState *s = GOLDFISH_RTC(dev);

    /* The byte order is a property, so the region is made here. */
    memory_region_init_io(&s->mmio, OBJECT(s),
                          s->big_endian ? &goldfish_rtc_ops_be
                                        : &goldfish_rtc_ops_le,
                          s, TYPE_GOLDFISH_RTC, GOLDFISH_RTC_MMIO_SIZE);
    sysbus_init_mmio(SYS_BUS_DEVICE(dev), &s->mmio);
}

static void goldfish_rtc_reset(DeviceState *dev)
{
    GoldfishRTCState *s = GOLDFISH_RTC(dev);

    goldfish_rtc_clear_alarm(s);
    s->alarm_next = 0;
    s->irq_pending = false;
    s->irq_enabled = false;
    goldfish_rtc_update_irq(s);
}

static void goldfish_rtc_finalize(Object *obj)
{
    GoldfishRTCState *s = GOLDFISH_RTC(obj);

    timer_del(&s->timer);
    if (s->mmio.name) { /* realized */
        memory_region_destroy(&s->mmio);
    }
}

static const Property goldfish_rtc_props[] = {
    DEFINE_PROP_BOOL("big-endian", GoldfishRTCState, big_endian, false),
    DEFINE_PROP_END_OF_LIST(),
};

static void goldfish_rtc_class_init(ObjectClass *klass, void *data)
{
    DeviceClass *dc = DEVICE_CLASS(klass);

    dc->desc = "Goldfish RTC";
    dc->realize = goldfish_rtc_realize;
    dc->reset = goldfish_rtc_reset;
    device_class_set_props(dc, goldfish_rtc_props);
}

static const TypeInfo goldfish_rtc_info = {
    .name = TYPE_GOLDFISH_RTC,
    .parent = TYPE_SYS_BUS_DEVICE,
    .instance_size = sizeof(GoldfishRTCState),
    .instance_init = goldfish_rtc_init,
    .instance_finalize = goldfish_rtc_finalize,
    .class_init = goldfish_rtc_class_init,
};

static void goldfish_rtc_register_types(void)
{
    type_register_static(&goldfish_rtc_info);
}

type_init(goldfish_rtc_register_types)
