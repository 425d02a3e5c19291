/*
 * The pc machine's MC146818 RTC and CMOS RAM through ports 0x70/0x71:
 * the NVRAM bytes firmware reads (memory sizes, CPUs, boot order) as
 * QEMU 7.2 fills them, the clock in BCD and binary, 24- and 12-hour
 * modes, register C's flags and IRQ 8. On our binary the clock is the
 * virtual one (-rtc clock=vm) and moves by clock_step; on Debian's (no
 * clock_step) the same tests wait in real time for the host clock.
 */
#include "libqtest.h"
#include <time.h>

enum {
    SECONDS = 0x00,
    MINUTES = 0x02,
    HOURS = 0x04,
    HOURS_ALARM = 0x05,
    SECONDS_ALARM = 0x01,
    MINUTES_ALARM = 0x03,
    DAY = 0x07,
    MONTH = 0x08,
    YEAR = 0x09,
    REG_A = 0x0a,
    REG_B = 0x0b,
    REG_C = 0x0c,
    REG_D = 0x0d,
    CENTURY = 0x32,
};

#define B_SET 0x80
#define B_PIE 0x40
#define B_AIE 0x20
#define B_UIE 0x10
#define B_DM  0x04
#define B_24H 0x02
#define NS    1000000000LL
/* 8 cycles of 32.768 kHz before each update, as QEMU's rtc-test counts. */
#define UIP_HOLD_NS (8 * NS / 32768)

static uint8_t cmos_read(QTestState *s, uint8_t reg)
{
    qtest_outb(s, 0x70, reg);
    return qtest_inb(s, 0x71);
}

static void cmos_write(QTestState *s, uint8_t reg, uint8_t v)
{
    qtest_outb(s, 0x70, reg);
    qtest_outb(s, 0x71, v);
}

static unsigned cmos_read_le(QTestState *s, uint8_t reg, unsigned bytes)
{
    unsigned v = 0;

    for (unsigned i = 0; i < bytes; i++) {
        v |= cmos_read(s, reg + i) << (8 * i);
    }
    return v;
}

static int bcd(uint8_t v)
{
    return (v >> 4) * 10 + (v & 0xf);
}

static QTestState *rtc_start(const char *extra)
{
    return qtest_initf("-M pc -nodefaults %s %s",
                       qtest_has_accel() ? "-rtc clock=vm" : "", extra);
}

/* Let the clock run: a clock_step on ours, real time on Debian's. */
static void rtc_wait_ns(QTestState *s, int64_t ns)
{
    if (qtest_has_accel()) {
        qtest_clock_step(s, ns);
    } else {
        g_usleep(ns / 1000);
    }
}

static void test_nvram_128m(void)
{
    QTestState *s = qtest_init("-M pc -nodefaults -m 128M");

    g_assert_cmphex(cmos_read_le(s, 0x15, 2), ==, 640);
    g_assert_cmphex(cmos_read_le(s, 0x17, 2), ==, 0xffff);
    g_assert_cmphex(cmos_read_le(s, 0x30, 2), ==, 0xffff);
    g_assert_cmphex(cmos_read_le(s, 0x34, 2), ==, (128 - 16) * 16);
    g_assert_cmphex(cmos_read_le(s, 0x5b, 3), ==, 0);
    g_assert_cmphex(cmos_read(s, 0x5f), ==, 0);    /* one CPU */
    g_assert_cmphex(cmos_read(s, 0x14), ==, 0x06); /* FPU, PS/2 mouse */
    g_assert_cmphex(cmos_read(s, 0x10), ==, 0x00); /* no floppy drives */
    g_assert_cmphex(cmos_read(s, 0x3d), ==, 0x12); /* "cad": disk, floppy */
    g_assert_cmphex(cmos_read(s, 0x38), ==, 0x30); /* then CD-ROM */
    g_assert_cmphex(cmos_read(s, CENTURY), ==, 0x20);
    qtest_quit(s);
}

static void test_nvram_20m(void)
{
    QTestState *s = qtest_init("-M pc -nodefaults -m 20M -boot order=ndc");

    g_assert_cmphex(cmos_read_le(s, 0x17, 2), ==, 19 * 1024);
    g_assert_cmphex(cmos_read_le(s, 0x30, 2), ==, 19 * 1024);
    g_assert_cmphex(cmos_read_le(s, 0x34, 2), ==, 4 * 16);
    g_assert_cmphex(cmos_read(s, 0x3d), ==, 0x34); /* network, CD-ROM */
    g_assert_cmphex(cmos_read(s, 0x38), ==, 0x20); /* then disk */
    qtest_quit(s);
}

/* 3.5 GiB or more: 3 GiB below 4 GiB (QEMU's gigabyte alignment). */
static void test_nvram_above_4g(void)
{
    QTestState *s = qtest_init("-M pc -nodefaults -m 5G -smp 4");

    g_assert_cmphex(cmos_read_le(s, 0x34, 2), ==, (3072 - 16) * 16);
    g_assert_cmphex(cmos_read_le(s, 0x5b, 3), ==, 2048 * 16);
    g_assert_cmphex(cmos_read(s, 0x5f), ==, 3);
    qtest_quit(s);
}

static void test_registers_at_start(void)
{
    QTestState *s = rtc_start("");

    g_assert_cmphex(cmos_read(s, REG_A) & 0x7f, ==, 0x26);
    g_assert_cmphex(cmos_read(s, REG_B), ==, B_24H);
    g_assert_cmphex(cmos_read(s, REG_C), ==, 0);
    g_assert_cmphex(cmos_read(s, REG_D), ==, 0x80);
    g_assert_cmphex(qtest_inb(s, 0x70), ==, 0xff); /* the index is write-only */
    /* NVRAM keeps what is written; bit 7 of the index is the NMI mask. */
    cmos_write(s, 0x80 | 0x40, 0xa5);
    g_assert_cmphex(cmos_read(s, 0x40), ==, 0xa5);
    qtest_quit(s);
}

/* The clock starts at host UTC, in BCD. */
static void test_time_is_host_utc(void)
{
    QTestState *s = qtest_init("-M pc -nodefaults");
    time_t now = time(NULL);
    struct tm tm, host;
    time_t guest;

    gmtime_r(&now, &host);
    do {
        tm = (struct tm){
            .tm_sec = bcd(cmos_read(s, SECONDS)),
            .tm_min = bcd(cmos_read(s, MINUTES)),
            .tm_hour = bcd(cmos_read(s, HOURS)),
            .tm_mday = bcd(cmos_read(s, DAY)),
            .tm_mon = bcd(cmos_read(s, MONTH)) - 1,
            .tm_year = bcd(cmos_read(s, CENTURY)) * 100 +
                       bcd(cmos_read(s, YEAR)) - 1900,
        };
        /* Read again if an update came between the reads. */
    } while (bcd(cmos_read(s, SECONDS)) != tm.tm_sec);
    guest = timegm(&tm);
    g_assert_cmpint(guest, >=, now - 5);
    g_assert_cmpint(guest, <=, now + 5);
    qtest_quit(s);
}

/*
 * Stop the clock (SET) and load a time on 2011-02-02, every register in
 * the new mode (the date registers hold the old mode's digits until
 * then), and let the clock run from it.
 */
static void set_time(QTestState *s, uint8_t mode, uint8_t h, uint8_t m,
                     uint8_t sec)
{
    bool bin = mode & B_DM;

    cmos_write(s, REG_B, mode | B_SET);
    cmos_write(s, CENTURY, bin ? 20 : 0x20);
    cmos_write(s, YEAR, bin ? 11 : 0x11);
    cmos_write(s, MONTH, 2);
    cmos_write(s, DAY, 2);
    cmos_write(s, HOURS, h);
    cmos_write(s, MINUTES, m);
    cmos_write(s, SECONDS, sec);
    cmos_write(s, REG_B, mode);
}

/*
 * Each case stops the clock, loads a time just before a carry and
 * checks it after 1.x seconds (real time on Debian's, where the phase of
 * the host's second is unknown: so the seconds register is not checked
 * exactly there, only what the carry did).
 */
static void test_time_formats(void)
{
    static const struct {
        uint8_t mode, h, m, s, h2, m2;
    } cases[] = {
        { B_24H, 0x09, 0x59, 0x59, 0x10, 0x00 }, /* BCD 24h */
        { B_24H | B_DM, 23, 59, 59, 0, 0 },      /* binary 24h */
        { 0, 0x11, 0x59, 0x59, 0x92, 0x00 },     /* BCD 11 AM->12 PM */
        { 0, 0x92, 0x59, 0x59, 0x81, 0x00 },     /* BCD 12 PM->1 PM */
        { B_DM, 0x8b, 59, 59, 0x0c, 0 },         /* binary 11 PM->12 AM */
        { B_DM, 0x0c, 59, 59, 0x01, 0 },         /* binary 12 AM->1 AM */
    };
    QTestState *s = rtc_start("");

    for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
        set_time(s, cases[i].mode, cases[i].h, cases[i].m, cases[i].s);
        /* The clock starts from the load (on ours, standing still). */
        if (qtest_has_accel()) {
            g_assert_cmphex(cmos_read(s, HOURS), ==, cases[i].h);
        }
        rtc_wait_ns(s, qtest_has_accel() ? NS : NS + NS / 10);
        g_assert_cmphex(cmos_read(s, HOURS), ==, cases[i].h2);
        g_assert_cmphex(cmos_read(s, MINUTES), ==, cases[i].m2);
        g_assert_cmphex(cmos_read(s, SECONDS), <=, 1);
    }
    qtest_quit(s);
}

/* Register C: the update-ended flag and IRQ 8, cleared by reading C. */
static void test_update_interrupt(void)
{
    QTestState *s = rtc_start("");
    uint8_t c;

    qtest_irq_intercept_in(s, "ioapic");
    cmos_read(s, REG_C);
    cmos_write(s, REG_B, B_24H | B_UIE);
    g_assert_false(qtest_get_irq(s, 8));
    rtc_wait_ns(s, NS + NS / 10);
    g_assert_true(qtest_get_irq(s, 8));
    c = cmos_read(s, REG_C);
    g_assert_cmphex(c & 0x90, ==, 0x90); /* IRQF, UF */
    g_assert_false(qtest_get_irq(s, 8));
    g_assert_cmphex(cmos_read(s, REG_C) & 0x80, ==, 0);
    qtest_quit(s);
}

/* The periodic interrupt at 8 Hz (RS = 13), on our clock exactly. */
static void test_periodic(void)
{
    QTestState *s = rtc_start("");
    int64_t start, t;

    qtest_irq_intercept_in(s, "ioapic");
    cmos_write(s, REG_A, 0x20 | 13);
    start = qtest_clock_step(s, 0);
    cmos_write(s, REG_B, B_24H | B_PIE);
    for (int i = 1; i <= 8; i++) {
        t = qtest_clock_step_next(s);
        while (!qtest_get_irq(s, 8)) {
            t = qtest_clock_step_next(s);
        }
        g_assert_cmpint(t - start, ==, i * NS / 8);
        /* IRQF, PF (and UF at the second boundaries) */
        g_assert_cmphex(cmos_read(s, REG_C) & 0xc0, ==, 0xc0);
        g_assert_false(qtest_get_irq(s, 8));
    }
    /* PIE off: no more periodic flags (as QEMU 7.2). */
    cmos_write(s, REG_B, B_24H);
    qtest_clock_step(s, NS);
    g_assert_cmphex(cmos_read(s, REG_C) & 0x40, ==, 0);
    qtest_quit(s);
}

/* The alarm: AF when hours/minutes/seconds match, 0xc0 and up: any. */
static void test_alarm(void)
{
    QTestState *s = rtc_start("");

    qtest_irq_intercept_in(s, "ioapic");
    cmos_write(s, HOURS_ALARM, 0x10);
    cmos_write(s, MINUTES_ALARM, 0xc0);
    cmos_write(s, SECONDS_ALARM, 0x05);
    set_time(s, B_24H | B_AIE, 0x10, 0x00, 0x00);
    cmos_read(s, REG_C);
    qtest_clock_step(s, 4 * NS);
    g_assert_false(qtest_get_irq(s, 8));
    qtest_clock_step(s, NS);
    g_assert_true(qtest_get_irq(s, 8));
    g_assert_cmphex(cmos_read(s, REG_C) & 0xa0, ==, 0xa0);
    /* 12-hour mode: 2 AM is not 2 PM. */
    cmos_write(s, HOURS_ALARM, 0x02);
    cmos_write(s, MINUTES_ALARM, 0xc0);
    cmos_write(s, SECONDS_ALARM, 0xc0);
    set_time(s, B_AIE, 0x81, 0x59, 0x59);
    cmos_read(s, REG_C);
    qtest_clock_step(s, 2 * NS);
    g_assert_cmphex(cmos_read(s, REG_C) & 0x20, ==, 0);
    qtest_quit(s);
}

/* UIP in the 244 us before an update; after divider reset, 500 ms. */
static void test_uip_and_divider_reset(void)
{
    QTestState *s = rtc_start("");

    cmos_write(s, REG_A, 0x76);
    cmos_write(s, REG_B, B_24H);
    cmos_write(s, SECONDS, 0x30);
    qtest_clock_step(s, NS);
    g_assert_cmphex(cmos_read(s, SECONDS), ==, 0x30); /* stopped */
    cmos_write(s, REG_A, 0x26);
    qtest_clock_step(s, NS / 2 - UIP_HOLD_NS - 1);
    g_assert_cmphex(cmos_read(s, REG_A) & 0x80, ==, 0);
    qtest_clock_step(s, 1);
    g_assert_cmphex(cmos_read(s, REG_A) & 0x80, ==, 0x80);
    g_assert_cmphex(cmos_read(s, SECONDS), ==, 0x30);
    qtest_clock_step(s, UIP_HOLD_NS);
    g_assert_cmphex(cmos_read(s, REG_A) & 0x80, ==, 0);
    g_assert_cmphex(cmos_read(s, SECONDS), ==, 0x31);
    qtest_quit(s);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    qtest_add_func("/pc/cmos/nvram-128m", test_nvram_128m);
    qtest_add_func("/pc/cmos/nvram-20m", test_nvram_20m);
    qtest_add_func("/pc/cmos/nvram-above-4g", test_nvram_above_4g);
    qtest_add_func("/pc/cmos/registers-at-start", test_registers_at_start);
    qtest_add_func("/pc/rtc/host-utc", test_time_is_host_utc);
    qtest_add_func("/pc/rtc/formats", test_time_formats);
    qtest_add_func("/pc/rtc/update-interrupt", test_update_interrupt);
    if (qtest_has_accel()) {
        qtest_add_func("/pc/rtc/periodic", test_periodic);
        qtest_add_func("/pc/rtc/alarm", test_alarm);
        qtest_add_func("/pc/rtc/uip-divider-reset", test_uip_and_divider_reset);
    }
    return g_test_run();
}
