/*
 * The qtest protocol: a test drives the machine over a chardev with text
 * lines ("readl 0x10000000" -> "OK 0x..."). Malformed lines get "FAIL"
 * and the session goes on. Intercepted IRQ lines are reported
 * asynchronously as "IRQ raise N" / "IRQ lower N".
 */
#include "qemu/osdep.h"
#include "qemu/timer.h"
#include "chardev/char.h"
#include "exec/memory.h"
#include "hw/qdev-core.h"
#include "sysemu/qtest.h"

#define QTEST_MAX_LINE (64 * MiB)
#define QTEST_MAX_RW   (16 * MiB)
#define QTEST_MAX_IRQ  1024

typedef struct QTestServer {
    CharBackend chr;
    GString *inbuf;
    FILE *log;
    int64_t start_us;
    bool irq_intercepted;
    bool irq_level[QTEST_MAX_IRQ];
} QTestServer;

static bool qtest_accel_enabled;
/* The one server (-qtest), until qtest_server_cleanup(). */
static QTestServer *qtest_server;

bool qtest_enabled(void)
{
    return qtest_accel_enabled;
}

void qtest_set_enabled(bool on)
{
    qtest_accel_enabled = on;
}

static void qtest_log(QTestServer *q, char dir, const char *line)
{
    if (q->log) {
        double t = (g_get_monotonic_time() - q->start_us) / 1e6;

        fprintf(q->log, "[%c +%f] %s\n", dir, t, line);
        fflush(q->log);
    }
}

static void G_GNUC_PRINTF(2, 3) qtest_send(QTestServer *q, const char *fmt, ...)
{
    va_list ap;
    g_autofree char *line = NULL;
    g_autofree char *out = NULL;

    va_start(ap, fmt);
    line = g_strdup_vprintf(fmt, ap);
    va_end(ap);
    qtest_log(q, 'S', line);
    out = g_strconcat(line, "\n", NULL);
    qemu_chr_fe_write_all(&q->chr, (uint8_t *)out, strlen(out));
}

static void qtest_irq_handler(void *opaque, int n, int level)
{
    QTestServer *q = opaque;

    if (n < 0 || n >= QTEST_MAX_IRQ || q->irq_level[n] == !!level) {
        return;
    }
    q->irq_level[n] = !!level;
    qtest_send(q, "IRQ %s %d", level ? "raise" : "lower", n);
}

static bool parse_u64(const char *s, uint64_t *v)
{
    return s && qemu_strtou64(s, v);
}

static DeviceState *find_device(const char *path)
{
    Object *obj = object_resolve_path(path, NULL);

    return (DeviceState *)object_dynamic_cast(obj, TYPE_DEVICE);
}

static void cmd_irq_intercept(QTestServer *q, char **w, bool in)
{
    DeviceState *dev = find_device(w[1]);

    if (!dev) {
        qtest_send(q, "FAIL Unknown device '%s'", w[1]);
        return;
    }
    if (q->irq_intercepted) {
        qtest_send(q, "FAIL IRQs already intercepted");
        return;
    }
    for (guint i = 0; i < dev->gpios->len; i++) {
        NamedGPIOList *ngl = dev->gpios->pdata[i];

        if (in) {
            for (int j = 0; j < ngl->num_in; j++) {
                ngl->in[j]->handler = qtest_irq_handler;
                ngl->in[j]->opaque = q;
            }
        } else {
            for (int j = 0; j < ngl->num_out; j++) {
                *ngl->out[j] = qemu_allocate_irq(qtest_irq_handler, q, j);
            }
        }
    }
    q->irq_intercepted = true;
    qtest_send(q, "OK");
}

static void cmd_set_irq_in(QTestServer *q, char **w)
{
    DeviceState *dev = find_device(w[1]);
    const char *name = strcmp(w[2], "unnamed") ? w[2] : NULL;
    NamedGPIOList *ngl = NULL;
    uint64_t n, level;

    if (!dev) {
        qtest_send(q, "FAIL Unknown device '%s'", w[1]);
        return;
    }
    for (guint i = 0; i < dev->gpios->len; i++) {
        NamedGPIOList *l = dev->gpios->pdata[i];
        if (!g_strcmp0(l->name, name)) {
            ngl = l;
        }
    }
    if (!parse_u64(w[3], &n) || !parse_u64(w[4], &level) || !ngl ||
        n >= (uint64_t)ngl->num_in) {
        qtest_send(q, "FAIL Invalid IRQ line");
        return;
    }
    qemu_set_irq(ngl->in[n], (int)level);
    qtest_send(q, "OK");
}

static unsigned access_size(char c)
{
    switch (c) {
    case 'b':
        return 1;
    case 'w':
        return 2;
    case 'l':
        return 4;
    case 'q':
        return 8;
    default:
        return 0;
    }
}

static void cmd_mem_access(QTestServer *q, char **w)
{
    AddressSpace *as = &address_space_memory;
    bool is_write = w[0][0] == 'w';
    unsigned size = access_size(w[0][strlen(w[0]) - 1]);
    uint64_t addr, val = 0;

    if (!size || !parse_u64(w[1], &addr) ||
        (is_write && !parse_u64(w[2], &val))) {
        qtest_send(q, "FAIL Invalid arguments");
        return;
    }
    /*
     * The generic path, as QEMU's qtest: wide accesses are split to what
     * the device accepts rather than rejected as a CPU access would be.
     */
    if (is_write) {
        uint8_t buf[8];

        for (unsigned i = 0; i < size; i++) {
            buf[i] = val >> (8 * i);
        }
        address_space_write(as, addr, buf, size);
        qtest_send(q, "OK");
    } else {
        uint8_t buf[8] = { 0 };

        address_space_read(as, addr, buf, size);
        for (unsigned i = 0; i < size; i++) {
            val |= (uint64_t)buf[i] << (8 * i);
        }
        qtest_send(q, "OK 0x%016" PRIx64, val);
    }
}

/*
 * outb/outw/outl PORT VALUE -> "OK"; inb/inw/inl PORT -> "OK 0x%04x", as
 * QEMU's (the value zero-extended, at least four digits). Ports are the
 * 64 KiB I/O space; a value wider than the access keeps its low bytes.
 */
static void cmd_port_access(QTestServer *q, char **w)
{
    bool is_write = w[0][0] == 'o';
    unsigned size = access_size(w[0][strlen(w[0]) - 1]);
    uint64_t port, val = 0;
    uint8_t buf[4] = { 0 };

    if (!parse_u64(w[1], &port) || port > 0xffff ||
        (is_write && !parse_u64(w[2], &val))) {
        qtest_send(q, "FAIL Invalid arguments");
        return;
    }
    /* Bytes past the last port go nowhere and read as zero, as QEMU's. */
    size = MIN(size, 0x10000 - port);
    if (is_write) {
        for (unsigned i = 0; i < size; i++) {
            buf[i] = val >> (8 * i);
        }
        address_space_write(&address_space_io, port, buf, size);
        qtest_send(q, "OK");
        return;
    }
    address_space_read(&address_space_io, port, buf, size);
    for (unsigned i = 0; i < size; i++) {
        val |= (uint64_t)buf[i] << (8 * i);
    }
    qtest_send(q, "OK 0x%04" PRIx64, val);
}

/* Parse "ADDR SIZE" with a bound on SIZE and no wrap-around. */
static bool parse_range(char **w, uint64_t *addr, uint64_t *size)
{
    return parse_u64(w[1], addr) && parse_u64(w[2], size) &&
           *size <= QTEST_MAX_RW && *addr + *size >= *addr;
}

static void cmd_read(QTestServer *q, char **w, bool b64)
{
    uint64_t addr, size;
    g_autofree uint8_t *buf = NULL;
    g_autofree char *enc = NULL;

    if (!parse_range(w, &addr, &size)) {
        qtest_send(q, "FAIL Invalid arguments");
        return;
    }
    buf = g_malloc0(size ? size : 1);
    address_space_read(&address_space_memory, addr, buf, size);
    if (b64) {
        enc = g_base64_encode(buf, size);
    } else {
        /* By table: a sprintf per byte took seconds for 16 MiB. */
        static const char hex[] = "0123456789abcdef";

        enc = g_malloc(size * 2 + 1);
        for (uint64_t i = 0; i < size; i++) {
            enc[2 * i] = hex[buf[i] >> 4];
            enc[2 * i + 1] = hex[buf[i] & 0xf];
        }
        enc[size * 2] = 0;
    }
    qtest_send(q, b64 ? "OK %s" : "OK 0x%s", enc);
}

static int hexval(char c)
{
    return g_ascii_isxdigit(c) ? g_ascii_xdigit_value(c) : -1;
}

static void cmd_write(QTestServer *q, char **w, bool b64)
{
    uint64_t addr, size;
    g_autofree uint8_t *buf = NULL;
    const char *data = w[3];

    if (!parse_range(w, &addr, &size) || !data) {
        qtest_send(q, "FAIL Invalid arguments");
        return;
    }
    if (b64) {
        gsize len;
        buf = g_base64_decode(data, &len);
        if (len < size) {
            buf = g_realloc(buf, size);
            memset(buf + len, 0, size - len);
        }
    } else {
        size_t len;
        if (strncmp(data, "0x", 2)) {
            qtest_send(q, "FAIL Data must start with 0x");
            return;
        }
        data += 2;
        len = strlen(data);
        buf = g_malloc0(size ? size : 1);
        /* Missing bytes are zero, as QEMU pads short data. */
        for (uint64_t i = 0; i < size && 2 * i + 1 < len; i++) {
            int hi = hexval(data[2 * i]), lo = hexval(data[2 * i + 1]);
            if (hi < 0 || lo < 0) {
                qtest_send(q, "FAIL Invalid hex data");
                return;
            }
            buf[i] = hi << 4 | lo;
        }
    }
    address_space_write(&address_space_memory, addr, buf, size);
    qtest_send(q, "OK");
}

static void cmd_memset(QTestServer *q, char **w)
{
    uint64_t addr, size, val;
    g_autofree uint8_t *buf = NULL;

    if (!parse_range(w, &addr, &size) || !parse_u64(w[3], &val) || val > 0xff) {
        qtest_send(q, "FAIL Invalid arguments");
        return;
    }
    buf = g_malloc(size ? size : 1);
    memset(buf, (int)val, size);
    address_space_write(&address_space_memory, addr, buf, size);
    qtest_send(q, "OK");
}

static void cmd_clock(QTestServer *q, char **w)
{
    int64_t now = qemu_clock_get_ns(QEMU_CLOCK_VIRTUAL);
    uint64_t v;
    int64_t dest;

    if (!qtest_enabled()) {
        qtest_send(q, "FAIL clock control needs -accel qtest");
        return;
    }
    if (!strcmp(w[0], "clock_set")) {
        if (!parse_u64(w[1], &v) || v > INT64_MAX) {
            qtest_send(q, "FAIL Invalid arguments");
            return;
        }
        dest = (int64_t)v;
    } else if (w[1]) {
        if (!parse_u64(w[1], &v) || v > (uint64_t)(INT64_MAX - now)) {
            qtest_send(q, "FAIL Invalid arguments");
            return;
        }
        dest = now + (int64_t)v;
    } else {
        /* No step: run to the next timer deadline. */
        dest = qemu_clock_next_expiry(QEMU_CLOCK_VIRTUAL);
        if (dest < 0) {
            dest = now;
        }
    }
    qemu_clock_advance_manual(dest);
    qtest_send(q, "OK %" PRIi64, qemu_clock_get_ns(QEMU_CLOCK_VIRTUAL));
}

typedef struct QTestCommand {
    const char *name;
    int min_args; /* words after the name */
    void (*fn)(QTestServer *q, char **w);
} QTestCommand;

static void cmd_intercept_in(QTestServer *q, char **w)
{
    cmd_irq_intercept(q, w, true);
}

static void cmd_intercept_out(QTestServer *q, char **w)
{
    cmd_irq_intercept(q, w, false);
}

static void cmd_read_hex(QTestServer *q, char **w)
{
    cmd_read(q, w, false);
}

static void cmd_read_b64(QTestServer *q, char **w)
{
    cmd_read(q, w, true);
}

static void cmd_write_hex(QTestServer *q, char **w)
{
    cmd_write(q, w, false);
}

static void cmd_write_b64(QTestServer *q, char **w)
{
    cmd_write(q, w, true);
}

static void cmd_endianness(QTestServer *q, char **w)
{
    qtest_send(q, "OK little");
}

static const QTestCommand qtest_commands[] = {
    { "outb", 2, cmd_port_access },
    { "outw", 2, cmd_port_access },
    { "outl", 2, cmd_port_access },
    { "inb", 1, cmd_port_access },
    { "inw", 1, cmd_port_access },
    { "inl", 1, cmd_port_access },
    { "writeb", 2, cmd_mem_access },
    { "writew", 2, cmd_mem_access },
    { "writel", 2, cmd_mem_access },
    { "writeq", 2, cmd_mem_access },
    { "readb", 1, cmd_mem_access },
    { "readw", 1, cmd_mem_access },
    { "readl", 1, cmd_mem_access },
    { "readq", 1, cmd_mem_access },
    { "read", 2, cmd_read_hex },
    { "write", 3, cmd_write_hex },
    { "b64read", 2, cmd_read_b64 },
    { "b64write", 3, cmd_write_b64 },
    { "memset", 3, cmd_memset },
    { "clock_step", 0, cmd_clock },
    { "clock_set", 1, cmd_clock },
    { "irq_intercept_in", 1, cmd_intercept_in },
    { "irq_intercept_out", 1, cmd_intercept_out },
    { "set_irq_in", 4, cmd_set_irq_in },
    { "endianness", 0, cmd_endianness },
};

static void qtest_process_line(QTestServer *q, const char *line)
{
    g_auto(GStrv) w = g_strsplit_set(line, " ", -1);
    guint nwords;

    qtest_log(q, 'R', line);
    /* Drop empty words from repeated spaces. */
    nwords = 0;
    for (guint i = 0; w[i]; i++) {
        if (w[i][0]) {
            w[nwords++] = w[i];
        } else {
            g_free(w[i]);
        }
    }
    w[nwords] = NULL;
    if (nwords == 0) {
        qtest_send(q, "FAIL Empty command");
        return;
    }
    for (size_t i = 0; i < ARRAY_SIZE(qtest_commands); i++) {
        const QTestCommand *c = &qtest_commands[i];

        if (strcmp(c->name, w[0])) {
            continue;
        }
        if (nwords - 1 < (guint)c->min_args) {
            qtest_send(q, "FAIL Missing arguments for '%s'", c->name);
            return;
        }
        c->fn(q, w);
        return;
    }
    qtest_send(q, "FAIL Unknown command '%s'", w[0]);
}

static int qtest_can_read(void *opaque)
{
    return 4096;
}

static void qtest_read(void *opaque, const uint8_t *buf, int size)
{
    QTestServer *q = opaque;
    char *nl;

    g_string_append_len(q->inbuf, (const char *)buf, size);
    while ((nl = memchr(q->inbuf->str, '\n', q->inbuf->len))) {
        gsize len = nl - q->inbuf->str;
        g_autofree char *line = g_strndup(q->inbuf->str, len);

        g_string_erase(q->inbuf, 0, len + 1);
        if (len && line[len - 1] == '\r') {
            line[len - 1] = 0;
        }
        qtest_process_line(q, line);
    }
    if (q->inbuf->len > QTEST_MAX_LINE) {
        g_string_truncate(q->inbuf, 0);
        qtest_send(q, "FAIL Line too long");
    }
}

static void qtest_event(void *opaque, QEMUChrEvent event)
{
    QTestServer *q = opaque;

    if (event == CHR_EVENT_OPENED) {
        q->start_us = g_get_monotonic_time();
        qtest_log(q, 'I', "OPENED");
    } else if (event == CHR_EVENT_CLOSED) {
        qtest_log(q, 'I', "CLOSED");
    }
}

bool qtest_server_init(const char *spec, const char *logfile, GError **errp)
{
    QTestServer *q = g_new0(QTestServer, 1);
    Chardev *chr = qemu_chr_new("qtest", spec, errp);

    if (!chr) {
        /* "none" gives no chardev and no error: qtest needs one. */
        if (errp && !*errp) {
            error_setg(errp, "Failed to initialize device for qtest: \"%s\"",
                       spec);
        }
        g_free(q);
        return false;
    }
    if (logfile && strcmp(logfile, "none")) {
        q->log = fopen(logfile, "w");
        if (!q->log) {
            error_setg(errp, "-qtest-log %s: %s", logfile, g_strerror(errno));
            g_free(q);
            return false;
        }
    }
    qtest_server = q;
    q->inbuf = g_string_new("");
    get_system_io(); /* the port commands' space, on every target */
    q->start_us = g_get_monotonic_time();
    if (!qemu_chr_fe_init(&q->chr, chr, errp)) {
        return false;
    }
    qemu_chr_fe_set_handlers(&q->chr, qtest_can_read, qtest_read, qtest_event,
                             q);
    return true;
}

void qtest_server_cleanup(void)
{
    QTestServer *q = qtest_server;

    if (!q) {
        return;
    }
    qtest_server = NULL;
    qemu_chr_fe_deinit(&q->chr);
    g_string_free(q->inbuf, TRUE);
    if (q->log) {
        fclose(q->log);
    }
    g_free(q);
}
