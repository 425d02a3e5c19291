/*
 * Goldfish RTC: a 64-bit nanosecond wall clock with one alarm, from the
 * Android emulator's virtual hardware.
 */
#ifndef HW_RTC_GOLDFISH_RTC_H
#define HW_RTC_GOLDFISH_RTC_H

#include "hw/sysbus.h"
#include "qemu/timer.h"

#define TYPE_GOLDFISH_RTC "goldfish_rtc"
OBJECT_DECLARE_SIMPLE_TYPE(GoldfishRTCState, GOLDFISH_RTC)

#define GOLDFISH_RTC_MMIO_SIZE 0x24

/* Register offsets */
enum {
    RTC_TIME_LOW = 0x00,        /* R: low bits of now; latches TIME_HIGH */
    RTC_TIME_HIGH = 0x04,       /* R: high bits latched by TIME_LOW */
    RTC_ALARM_LOW = 0x08,       /* W: low bits of the alarm; arms it */
    RTC_ALARM_HIGH = 0x0c,      /* W: high bits of the next alarm */
    RTC_IRQ_ENABLED = 0x10,     /* RW: bit 0 enables the alarm interrupt */
    RTC_CLEAR_ALARM = 0x14,     /* W: disarm the alarm */
    RTC_ALARM_STATUS = 0x18,    /* R: 1 while an alarm is armed */
    RTC_CLEAR_INTERRUPT = 0x1c, /* W: acknowledge the interrupt */
};

struct GoldfishRTCState {
    SysBusDevice parent_obj;
    MemoryRegion mmio;
    qemu_irq irq;
    QEMUTimer timer; /* on QEMU_CLOCK_HOST, at the alarm's host time */

    /* Properties */
    bool big_endian;

    /* Guest time in ns = QEMU_CLOCK_HOST + tick_offset. */
    uint64_t tick_offset; /* wraps modulo 2^64 */
    uint32_t time_high;   /* latched by a TIME_LOW read */
    uint64_t alarm_next;  /* in guest time */
    bool alarm_running;
    bool irq_pending;
    bool irq_enabled;
};

#endif
