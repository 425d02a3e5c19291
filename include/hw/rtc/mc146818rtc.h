/*
 * The PC's real-time clock and CMOS RAM ("mc146818rtc"): an MC146818A at
 * I/O ports 0x70 (index) and 0x71 (data), IRQ 8.
 */
#ifndef HW_RTC_MC146818RTC_H
#define HW_RTC_MC146818RTC_H

#include "hw/qdev-core.h"

#define TYPE_MC146818_RTC "mc146818rtc"
#define RTC_ISA_IRQ       8
#define RTC_CMOS_SIZE     128

/* Set CMOS byte addr (an NVRAM byte, 0x0e and up) as the machine fills it. */
void mc146818rtc_set_cmos(DeviceState *dev, unsigned addr, uint8_t val);

#endif
