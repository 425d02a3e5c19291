/*
 * libqtest: start the emulator named by $QTEST_QEMU_BINARY, drive it with
 * the qtest line protocol and QMP, and tear it down even when a test fails.
 */
#ifndef LIBQTEST_H
#define LIBQTEST_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>
#include <glib.h>
#include <json-glib/json-glib.h>

typedef struct QTestState QTestState;

/*
 * Start "$QTEST_QEMU_BINARY -qtest unix:... -qmp unix:... -display none
 * EXTRA_ARGS". With our binary -accel qtest is added; with one that lacks
 * the qtest accelerator (Debian's), "-S -bios none" is added instead so its
 * CPU stays still. The QMP greeting is read and qmp_capabilities sent.
 */
QTestState *qtest_init(const char *extra_args);
QTestState *qtest_initf(const char *fmt, ...) G_GNUC_PRINTF(1, 2);
/* Kill (SIGTERM, then SIGKILL) and reap the emulator; free everything. */
void qtest_quit(QTestState *s);
/* Wait for the emulator to exit by itself; returns its wait() status. */
int qtest_wait_exit(QTestState *s);
/*
 * Write (size 1, 2, 4 or 8) to a register that makes the emulator exit,
 * and return its wait() status. An "OK" reply before the exit is fine and
 * so is none (QEMU exits inside the write). Frees s.
 */
int qtest_write_expect_exit(QTestState *s, uint64_t addr, uint64_t v,
                            unsigned size);
/* The same with an OUT of size 1, 2 or 4 to a port. */
int qtest_out_expect_exit(QTestState *s, uint16_t port, uint32_t v,
                          unsigned size);

/* The emulator's process id (to read /proc/PID/status). */
pid_t qtest_pid(QTestState *s);

/* True if the binary has the qtest accelerator (clock_step works). */
bool qtest_has_accel(void);
/* Path of the binary under test. */
const char *qtest_binary(void);
/* The target of that binary: "riscv64", "x86_64" (from its name). */
const char *qtest_get_arch(void);

/* Memory */
void qtest_writeb(QTestState *s, uint64_t addr, uint8_t v);
void qtest_writew(QTestState *s, uint64_t addr, uint16_t v);
void qtest_writel(QTestState *s, uint64_t addr, uint32_t v);
void qtest_writeq(QTestState *s, uint64_t addr, uint64_t v);
uint8_t qtest_readb(QTestState *s, uint64_t addr);
uint16_t qtest_readw(QTestState *s, uint64_t addr);
uint32_t qtest_readl(QTestState *s, uint64_t addr);
uint64_t qtest_readq(QTestState *s, uint64_t addr);
void qtest_memread(QTestState *s, uint64_t addr, void *data, size_t size);
void qtest_memwrite(QTestState *s, uint64_t addr, const void *data,
                    size_t size);
void qtest_bufread(QTestState *s, uint64_t addr, void *data, size_t size);
void qtest_bufwrite(QTestState *s, uint64_t addr, const void *data,
                    size_t size);
void qtest_memset(QTestState *s, uint64_t addr, uint8_t patt, size_t size);

/* I/O ports (x86's IN/OUT; the values of unassigned ports are all ones) */
void qtest_outb(QTestState *s, uint16_t port, uint8_t v);
void qtest_outw(QTestState *s, uint16_t port, uint16_t v);
void qtest_outl(QTestState *s, uint16_t port, uint32_t v);
uint8_t qtest_inb(QTestState *s, uint16_t port);
uint16_t qtest_inw(QTestState *s, uint16_t port);
uint32_t qtest_inl(QTestState *s, uint16_t port);

/* Clock (our binary only) */
int64_t qtest_clock_step_next(QTestState *s);
int64_t qtest_clock_step(QTestState *s, int64_t step);
int64_t qtest_clock_set(QTestState *s, int64_t val);

/* IRQs */
void qtest_irq_intercept_in(QTestState *s, const char *qom_path);
void qtest_irq_intercept_out(QTestState *s, const char *qom_path);
/* Level last reported for intercepted line n (reads pending IRQ lines). */
bool qtest_get_irq(QTestState *s, int n);
void qtest_set_irq_in(QTestState *s, const char *qom_path, const char *name,
                      int n, int level);

/*
 * Send a raw qtest line (without the newline) and return the reply line
 * ("OK ...", "FAIL ..."), for tests of the protocol itself. Free it.
 */
char *qtest_raw_cmd(QTestState *s, const char *line);

/* QMP. Replies are JsonObject (unref with json_object_unref). */
/* Send a command and return its reply; events received meanwhile queue. */
JsonObject *qtest_qmp(QTestState *s, const char *fmt, ...) G_GNUC_PRINTF(2, 3);
/* Send raw text (need not be valid JSON); no reply is read. */
void qtest_qmp_send_raw(QTestState *s, const char *text);
/* Read the next message (reply or event) from QMP. */
JsonObject *qtest_qmp_receive(QTestState *s);
/* Wait for event NAME (queued or future) and return it. */
JsonObject *qtest_qmp_eventwait(QTestState *s, const char *event);
/* HMP through human-monitor-command; returns the output text. */
char *qtest_hmp(QTestState *s, const char *fmt, ...) G_GNUC_PRINTF(2, 3);

/* Helpers for reading replies. */
bool qmp_has_error(JsonObject *reply);
/* reply["error"]["class"], or NULL. */
const char *qmp_error_class(JsonObject *reply);

/* Register a test with g_test_add_func under "/riscv64/" + path. */
void qtest_add_func(const char *path, void (*fn)(void));

/*
 * Run a command line of the binary under test to completion (no qtest
 * or QMP added); returns exit status, and its stderr in *err (free it).
 */
int qtest_run_binary(const char *args, char **out, char **err);

#endif
