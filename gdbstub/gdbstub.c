/*
 * The gdb remote serial protocol over a chardev.
 *
 * Packets are "$payload#cs" (cs: two hex digits, the payload's byte sum
 * mod 256), acknowledged with '+' or '-' until gdb asks for no-ack mode.
 * A 0x03 byte outside a packet interrupts a running guest. Each hart is
 * a thread (id = cpu_index + 1). The stub runs in the main loop with the
 * big lock; the engine tells it about breakpoint and step stops with
 * gdb_notify_debug_stop() and the reply is sent from a bottom half.
 */
#include "qemu/osdep.h"
#include "qemu/main-loop.h"
#include "qapi/error.h"
#include "chardev/char.h"
#include "sysemu/runstate.h"
#include "exec/gdbstub.h"
#include "hw/core/cpu.h"
#include "sysemu/cpus.h"

#define GDB_MAX_PACKET 16384
#define GDB_SIGINT     2
#define GDB_SIGTRAP    5

typedef enum {
    RS_IDLE,
    RS_PACKET,
    RS_CHK1,
    RS_CHK2,
} GDBReadState;

typedef struct GDBState {
    CharBackend chr;
    bool connected;
    bool no_ack;
    GDBReadState rstate;
    GString *in;      /* payload being received */
    uint8_t sum;      /* of the payload received so far */
    int chk_hi;       /* first checksum digit */
    GString *last;    /* the last packet sent, for '-' */
    bool running;     /* resumed for gdb: a stop reply is owed */
    int g_cpu, c_cpu; /* cpu_index for registers / resuming */
    int stop_cpu;     /* the hart that hit a breakpoint or stepped */
    char *stop_watch; /* the stop reply's "watch:ADDR;", or NULL */
    QEMUBH *stop_bh;
    int thread_iter; /* qfThreadInfo / qsThreadInfo position */
    bool hold_start; /* connected before the VM first started */
} GDBState;

static GDBState gdb;

static int hexval(int c)
{
    if (c >= '0' && c <= '9') {
        return c - '0';
    }
    c |= 0x20;
    if (c >= 'a' && c <= 'f') {
        return c - 'a' + 10;
    }
    return -1;
}

static void hex_append(GString *s, const uint8_t *buf, size_t len)
{
    static const char digits[] = "0123456789abcdef";

    for (size_t i = 0; i < len; i++) {
        g_string_append_c(s, digits[buf[i] >> 4]);
        g_string_append_c(s, digits[buf[i] & 15]);
    }
}

/* Decode len bytes of hex; false on a bad digit or short input. */
static bool hex_decode(const char *p, uint8_t *buf, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        int hi = hexval(p[2 * i]), lo;

        if (hi < 0) {
            return false;
        }
        lo = hexval(p[2 * i + 1]);
        if (lo < 0) {
            return false;
        }
        buf[i] = hi << 4 | lo;
    }
    return true;
}

/* Parse a hex number at *p, advancing it; false if there is none. */
static bool parse_hex(const char **p, uint64_t *val)
{
    const char *s = *p;
    uint64_t v = 0;

    if (hexval(*s) < 0) {
        return false;
    }
    while (hexval(*s) >= 0) {
        v = v << 4 | hexval(*s);
        s++;
    }
    *val = v;
    *p = s;
    return true;
}

static void put_packet(const char *payload, size_t len)
{
    uint8_t sum = 0;

    g_string_truncate(gdb.last, 0);
    g_string_append_c(gdb.last, '$');
    for (size_t i = 0; i < len; i++) {
        sum += (uint8_t)payload[i];
    }
    g_string_append_len(gdb.last, payload, len);
    g_string_append_printf(gdb.last, "#%02x", sum);
    qemu_chr_fe_write_all(&gdb.chr, (const uint8_t *)gdb.last->str,
                          gdb.last->len);
}

static void put_str(const char *s)
{
    put_packet(s, strlen(s));
}

/* The CPU a thread id selected (-1: any), with its state current. */
static CPUState *gdb_cpu(int index)
{
    CPUState *cpu = cpu_by_index(index) ? cpu_by_index(index) : cpu_by_index(0);

    if (cpu) {
        cpu_synchronize_state(cpu);
    }
    return cpu;
}

/* The accelerator's debug hooks (NULL where it cannot debug). */
static const AccelOps *dbg_ops(void)
{
    return cpus_get_accel();
}

static void dbg_single_step(CPUState *cpu)
{
    if (dbg_ops() && dbg_ops()->single_step) {
        dbg_ops()->single_step(cpu);
    }
}

static void dbg_remove_all(void)
{
    if (dbg_ops() && dbg_ops()->breakpoint_remove_all) {
        dbg_ops()->breakpoint_remove_all();
    }
}

/* watch (a watchpoint hit) NULL, or "watch:ADDR;" and the like. */
static void send_stop_reply(int sig, int cpu_index, const char *watch)
{
    g_autofree char *s = g_strdup_printf("T%02xthread:%02x;%s", sig,
                                         cpu_index + 1, watch ? watch : "");

    put_str(s);
}

/* ---- stops and resumes ---- */

static void stop_bh_cb(void *opaque)
{
    if (!gdb.connected || !gdb.running) {
        return;
    }
    gdb.running = false;
    gdb.g_cpu = gdb.c_cpu = gdb.stop_cpu;
    send_stop_reply(GDB_SIGTRAP, gdb.stop_cpu, gdb.stop_watch);
}

void gdb_notify_debug_stop(CPUState *cpu)
{
    gdb.stop_cpu = cpu->cpu_index;
    g_clear_pointer(&gdb.stop_watch, g_free);
    if (gdb.stop_bh) {
        qemu_bh_schedule(gdb.stop_bh);
    }
}

void gdb_notify_watch_stop(CPUState *cpu, int type, uint64_t addr)
{
    /* The remote protocol's stop reasons for Z2, Z3 and Z4. */
    static const char *const reason[] = {
        [GDB_WATCHPOINT_WRITE] = "watch",
        [GDB_WATCHPOINT_READ] = "rwatch",
        [GDB_WATCHPOINT_ACCESS] = "awatch",
    };

    gdb_notify_debug_stop(cpu);
    g_assert(type >= GDB_WATCHPOINT_WRITE && type <= GDB_WATCHPOINT_ACCESS);
    gdb.stop_watch = g_strdup_printf("%s:%" PRIx64 ";", reason[type], addr);
}

static void gdb_resume(bool step)
{
    CPUState *cpu = gdb_cpu(gdb.c_cpu);

    if (dbg_ops() && dbg_ops()->debug_skip_current_pc) {
        dbg_ops()->debug_skip_current_pc();
    }
    dbg_single_step(step ? cpu : NULL);
    gdb.running = true;
    vm_start();
}

static void gdb_interrupt(void)
{
    if (!gdb.running) {
        return;
    }
    vm_stop(RUN_STATE_PAUSED);
    dbg_single_step(NULL);
    gdb.running = false;
    send_stop_reply(GDB_SIGINT, gdb.c_cpu, NULL);
}

/* ---- packet handlers ---- */

/* A thread id: -1 all, 0 any, else cpu_index + 1. */
static bool parse_thread(const char *p, int *cpu_index)
{
    uint64_t tid;

    if (!strcmp(p, "-1") || !strcmp(p, "0")) {
        *cpu_index = -1;
        return true;
    }
    if (!parse_hex(&p, &tid) || *p || tid == 0) {
        return false;
    }
    if (!cpu_by_index((int)tid - 1) || tid > INT_MAX) {
        return false;
    }
    *cpu_index = tid - 1;
    return true;
}

static void handle_set_thread(const char *p)
{
    int idx;

    if (!*p || !parse_thread(p + 1, &idx)) {
        put_str("E22");
        return;
    }
    if (idx < 0) {
        idx = cpu_by_index(0)->cpu_index;
        if (*p == 'c') {
            /* all threads: keep the current one for stepping */
            put_str("OK");
            return;
        }
    }
    if (*p == 'g') {
        gdb.g_cpu = idx;
    } else if (*p == 'c') {
        gdb.c_cpu = idx;
    } else {
        put_str("E22");
        return;
    }
    put_str("OK");
}

/* The largest register any target has (x86's 512-bit ones). */
#define GDB_MAX_REG_BYTES 64

/* Append register n's bytes as hex; false if the CPU has no such one. */
static bool put_reg(GString *out, CPUState *cpu, int n)
{
    CPUClass *cc = CPU_GET_CLASS(cpu);
    uint8_t b[GDB_MAX_REG_BYTES];
    int size;

    if (n < 0 || n >= cc->gdb_num_regs) {
        return false;
    }
    size = cc->gdb_read_register(cpu, n, b);
    if (size <= 0) {
        return false;
    }
    hex_append(out, b, size);
    return true;
}

/*
 * Set register n from hex at p; returns the hex digits used, 0 if the
 * text is short or bad or the CPU has no such register.
 */
static size_t get_reg(CPUState *cpu, int n, const char *p)
{
    CPUClass *cc = CPU_GET_CLASS(cpu);
    uint8_t b[GDB_MAX_REG_BYTES];
    int size;

    if (n < 0 || n >= cc->gdb_num_regs) {
        return 0;
    }
    size = cc->gdb_read_register(cpu, n, b); /* learns the size */
    if (size <= 0 || strlen(p) < (size_t)size * 2 || !hex_decode(p, b, size) ||
        cc->gdb_write_register(cpu, n, b) <= 0) {
        return 0;
    }
    return size * 2;
}

static void handle_read_all_regs(void)
{
    CPUState *cpu = gdb_cpu(gdb.g_cpu);
    g_autoptr(GString) out = g_string_new("");

    for (int n = 0; n < CPU_GET_CLASS(cpu)->gdb_num_core_regs; n++) {
        put_reg(out, cpu, n);
    }
    put_packet(out->str, out->len);
}

static void handle_write_all_regs(const char *p)
{
    CPUState *cpu = gdb_cpu(gdb.g_cpu);

    for (int n = 0; n < CPU_GET_CLASS(cpu)->gdb_num_core_regs && *p; n++) {
        size_t used = get_reg(cpu, n, p);

        if (!used) {
            put_str("E22");
            return;
        }
        p += used;
    }
    put_str("OK");
}

static void handle_read_reg(const char *p)
{
    uint64_t n;
    g_autoptr(GString) out = g_string_new("");

    if (!parse_hex(&p, &n) || *p || n > INT_MAX ||
        !put_reg(out, gdb_cpu(gdb.g_cpu), n)) {
        put_str("E14");
        return;
    }
    put_packet(out->str, out->len);
}

static void handle_write_reg(const char *p)
{
    uint64_t n;

    if (!parse_hex(&p, &n) || *p++ != '=' || n > INT_MAX ||
        !get_reg(gdb_cpu(gdb.g_cpu), n, p)) {
        put_str("E14");
        return;
    }
    put_str("OK");
}

static bool gdb_rw_memory(uint64_t addr, uint8_t *buf, size_t len,
                          bool is_write)
{
    CPUState *cpu = gdb_cpu(gdb.g_cpu);

    return cpu &&
           CPU_GET_CLASS(cpu)->gdb_rw_memory(cpu, addr, buf, len, is_write);
}

/* "ADDR,LEN" then *p points after it. */
static bool parse_addr_len(const char **p, uint64_t *addr, uint64_t *len)
{
    return parse_hex(p, addr) && *(*p)++ == ',' && parse_hex(p, len);
}

static void handle_read_mem(const char *p)
{
    uint64_t addr, len;
    g_autofree uint8_t *buf = NULL;
    g_autoptr(GString) out = g_string_new("");

    if (!parse_addr_len(&p, &addr, &len) || *p) {
        put_str("E22");
        return;
    }
    len = MIN(len, GDB_MAX_PACKET / 2);
    buf = g_malloc(len ? len : 1);
    if (!gdb_rw_memory(addr, buf, len, false)) {
        put_str("E14");
        return;
    }
    hex_append(out, buf, len);
    put_packet(out->str, out->len);
}

/* M (hex data) and X (binary data, escaped with '}' and ^0x20). */
static void handle_write_mem(const char *p, size_t plen, bool binary)
{
    const char *start = p;
    uint64_t addr, len;
    g_autofree uint8_t *buf = NULL;
    size_t i = 0;

    if (!parse_addr_len(&p, &addr, &len) || *p++ != ':' ||
        len > GDB_MAX_PACKET) {
        put_str("E22");
        return;
    }
    plen -= p - start;
    buf = g_malloc(len ? len : 1);
    if (binary) {
        for (size_t k = 0; k < plen && i < len; k++) {
            uint8_t c = p[k];

            if (c == '}' && k + 1 < plen) {
                c = p[++k] ^ 0x20;
            }
            buf[i++] = c;
        }
    } else if (plen >= 2 * len && hex_decode(p, buf, len)) {
        i = len;
    }
    if (i != len) {
        put_str("E22");
        return;
    }
    if (len && !gdb_rw_memory(addr, buf, len, true)) {
        put_str("E14");
        return;
    }
    put_str("OK");
}

/* Z1..Z4: kind is the length for watchpoints (and 1 for Z1 on x86). */
static void handle_watchpoint(int type, uint64_t addr, uint64_t kind,
                              bool insert)
{
    const AccelOps *ops = dbg_ops();
    int err;

    if (type > GDB_WATCHPOINT_ACCESS || !ops || !ops->watchpoint_insert) {
        put_str(""); /* not supported here */
        return;
    }
    err = insert ? ops->watchpoint_insert(type, addr, kind)
                 : ops->watchpoint_remove(type, addr, kind);
    if (err == -ENOSYS) {
        put_str("");
    } else if (err) {
        g_autofree char *e = g_strdup_printf("E%02d", -err);

        put_str(e);
    } else {
        put_str("OK");
    }
}

static void handle_breakpoint(const char *p, bool insert)
{
    uint64_t type, addr, kind;

    if (!parse_hex(&p, &type) || *p++ != ',' || !parse_hex(&p, &addr) ||
        *p++ != ',' || !parse_hex(&p, &kind)) {
        put_str("E22");
        return;
    }
    if (type >= GDB_BREAKPOINT_HW) {
        handle_watchpoint(type, addr, kind, insert);
        return;
    }
    if (!dbg_ops() || !dbg_ops()->breakpoint_insert) {
        put_str(""); /* this accelerator has no breakpoints */
        return;
    }
    if (insert && !dbg_ops()->breakpoint_insert(addr)) {
        put_str("E14"); /* EFAULT: no memory to place it in */
        return;
    }
    if (!insert && !dbg_ops()->breakpoint_remove(addr)) {
        put_str("E22");
        return;
    }
    put_str("OK");
}

/* Escape '#', '$', '}' and '*' for a binary reply. */
static void append_binary(GString *out, const char *data, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        char c = data[i];

        if (c == '#' || c == '$' || c == '}' || c == '*') {
            g_string_append_c(out, '}');
            c ^= 0x20;
        }
        g_string_append_c(out, c);
    }
}

/* qXfer:features:read:ANNEX:OFFSET,LENGTH */
static void handle_xfer_features(const char *p)
{
    const char *colon = strchr(p, ':');
    g_autofree char *annex = NULL;
    const char *xml;
    uint64_t off, len;
    size_t total;
    g_autoptr(GString) out = g_string_new("");

    if (!colon) {
        put_str("E00");
        return;
    }
    annex = g_strndup(p, colon - p);
    p = colon + 1;
    if (!parse_addr_len(&p, &off, &len)) {
        put_str("E00");
        return;
    }
    xml = gdb_cpu(0) ? CPU_GET_CLASS(gdb_cpu(0))->gdb_get_xml(annex) : NULL;
    if (!xml) {
        put_str("E00");
        return;
    }
    total = strlen(xml);
    if (off > total) {
        put_str("E00");
        return;
    }
    len = MIN(len, (uint64_t)(GDB_MAX_PACKET / 2 - 8));
    if (len < total - off) {
        g_string_append_c(out, 'm');
        append_binary(out, xml + off, len);
    } else {
        g_string_append_c(out, 'l');
        append_binary(out, xml + off, total - off);
    }
    put_packet(out->str, out->len);
}

static void handle_query(const char *p)
{
    if (g_str_has_prefix(p, "qSupported")) {
        g_autofree char *s = g_strdup_printf(
            "PacketSize=%x;qXfer:features:read+;QStartNoAckMode+",
            GDB_MAX_PACKET);

        put_str(s);
    } else if (!strcmp(p, "QStartNoAckMode")) {
        put_str("OK");
        gdb.no_ack = true;
    } else if (!strcmp(p, "qAttached") || g_str_has_prefix(p, "qAttached:")) {
        put_str("1");
    } else if (!strcmp(p, "qC")) {
        g_autofree char *s = g_strdup_printf("QC%02x", gdb.g_cpu + 1);

        put_str(s);
    } else if (!strcmp(p, "qfThreadInfo") || !strcmp(p, "qsThreadInfo")) {
        /* As QEMU: one thread per reply. */
        g_autofree char *s = NULL;

        gdb.thread_iter = p[1] == 'f' ? 0 : gdb.thread_iter + 1;
        if (gdb.thread_iter >= cpu_count()) {
            put_str("l");
            return;
        }
        s = g_strdup_printf("m%02x",
                            cpu_by_index(gdb.thread_iter)->cpu_index + 1);
        put_str(s);
    } else if (g_str_has_prefix(p, "qThreadExtraInfo,")) {
        int idx;
        g_autofree char *desc = NULL;
        g_autoptr(GString) s = g_string_new("");

        if (!parse_thread(p + strlen("qThreadExtraInfo,"), &idx) || idx < 0) {
            put_str("E22");
            return;
        }
        desc = g_strdup_printf("hart %d", idx);
        hex_append(s, (const uint8_t *)desc, strlen(desc));
        put_str(s->str);
    } else if (g_str_has_prefix(p, "qXfer:features:read:")) {
        handle_xfer_features(p + strlen("qXfer:features:read:"));
    } else {
        put_str("");
    }
}

static void handle_packet(const char *p, size_t len)
{
    uint64_t addr;
    const char *q;

    switch (p[0]) {
    case '?':
        send_stop_reply(GDB_SIGTRAP, gdb.c_cpu, NULL);
        break;
    case 'q':
    case 'Q':
        handle_query(p);
        break;
    case 'H':
        handle_set_thread(p + 1);
        break;
    case 'T': {
        int idx;

        put_str(parse_thread(p + 1, &idx) ? "OK" : "E22");
        break;
    }
    case 'g':
        handle_read_all_regs();
        break;
    case 'G':
        handle_write_all_regs(p + 1);
        break;
    case 'p':
        handle_read_reg(p + 1);
        break;
    case 'P':
        handle_write_reg(p + 1);
        break;
    case 'm':
        handle_read_mem(p + 1);
        break;
    case 'M':
        handle_write_mem(p + 1, len - 1, false);
        break;
    case 'X':
        handle_write_mem(p + 1, len - 1, true);
        break;
    case 'c':
    case 's':
    case 'C':
    case 'S':
        /* c [ADDR], s [ADDR], C SIG[;ADDR], S SIG[;ADDR] */
        q = p + 1;
        if (p[0] == 'C' || p[0] == 'S') {
            q = strchr(q, ';');
            q = q ? q + 1 : "";
        }
        if (parse_hex(&q, &addr)) {
            CPU_GET_CLASS(gdb_cpu(gdb.c_cpu))->set_pc(gdb_cpu(gdb.c_cpu), addr);
        }
        gdb_resume(p[0] == 's' || p[0] == 'S');
        break;
    case 'Z':
    case 'z':
        handle_breakpoint(p + 1, p[0] == 'Z');
        break;
    case 'D':
        dbg_remove_all();
        dbg_single_step(NULL);
        put_str("OK");
        gdb.running = false;
        vm_start();
        break;
    case 'k':
        /* No reply; QEMU says this and exits. */
        error_report("QEMU: Terminated via GDBstub");
        qemu_system_shutdown_request(SHUTDOWN_CAUSE_HOST_UI);
        break;
    default:
        /* vCont?, vMustReplyEmpty and everything unsupported. */
        put_str("");
        break;
    }
}

/* ---- chardev glue ---- */

static int gdb_can_read(void *opaque)
{
    return GDB_MAX_PACKET;
}

static void gdb_read_byte(uint8_t c)
{
    switch (gdb.rstate) {
    case RS_IDLE:
        if (c == '$') {
            g_string_truncate(gdb.in, 0);
            gdb.sum = 0;
            gdb.rstate = RS_PACKET;
        } else if (c == 0x03) {
            gdb_interrupt();
        } else if (c == '-' && gdb.last->len && !gdb.no_ack) {
            qemu_chr_fe_write_all(&gdb.chr, (const uint8_t *)gdb.last->str,
                                  gdb.last->len);
        }
        /* '+' and noise between packets are ignored. */
        break;
    case RS_PACKET:
        if (c == '#') {
            gdb.rstate = RS_CHK1;
        } else if (gdb.in->len >= GDB_MAX_PACKET) {
            gdb.rstate = RS_IDLE; /* too long: drop it */
        } else {
            g_string_append_c(gdb.in, c);
            gdb.sum += c;
        }
        break;
    case RS_CHK1:
        gdb.chk_hi = hexval(c);
        gdb.rstate = RS_CHK2;
        break;
    case RS_CHK2: {
        int lo = hexval(c);

        gdb.rstate = RS_IDLE;
        if (gdb.chk_hi < 0 || lo < 0 || (gdb.chk_hi << 4 | lo) != gdb.sum) {
            if (!gdb.no_ack) {
                qemu_chr_fe_write_all(&gdb.chr, (const uint8_t *)"-", 1);
            }
            break;
        }
        if (!gdb.no_ack) {
            qemu_chr_fe_write_all(&gdb.chr, (const uint8_t *)"+", 1);
        }
        if (gdb.in->len) {
            handle_packet(gdb.in->str, gdb.in->len);
        } else {
            put_str("");
        }
        break;
    }
    }
}

static void gdb_read(void *opaque, const uint8_t *buf, int size)
{
    for (int i = 0; i < size; i++) {
        gdb_read_byte(buf[i]);
    }
}

static void gdb_event(void *opaque, QEMUChrEvent event)
{
    switch (event) {
    case CHR_EVENT_OPENED:
        /* As QEMU: a debugger connecting stops the guest. */
        gdb.connected = true;
        gdb.no_ack = false;
        gdb.rstate = RS_IDLE;
        gdb.running = false;
        g_string_truncate(gdb.last, 0);
        gdb.g_cpu = gdb.c_cpu = cpu_count() ? cpu_by_index(0)->cpu_index : 0;
        if (runstate_get() == RUN_STATE_PRELAUNCH) {
            gdb.hold_start = true;
        }
        vm_stop(RUN_STATE_PAUSED);
        break;
    case CHR_EVENT_CLOSED:
        gdb.connected = false;
        gdb.running = false;
        dbg_remove_all();
        dbg_single_step(NULL);
        break;
    default:
        break;
    }
}

bool gdbserver_hold_start(void)
{
    return gdb.hold_start;
}

/* "tcp:..." gets server=on,wait=off,nodelay=on unless given. */
static char *gdb_device_spec(const char *device)
{
    GString *s = g_string_new(device);

    if (g_str_has_prefix(device, "tcp:")) {
        static const char *const keys[] = { "server", "wait", "nodelay" };
        static const char *const vals[] = { "server=on", "wait=off",
                                            "nodelay=on" };
        g_auto(GStrv) parts = g_strsplit(device, ",", -1);

        for (int k = 0; k < 3; k++) {
            bool have = false;

            for (int i = 1; parts[i]; i++) {
                have |= g_str_has_prefix(parts[i], keys[k]) ||
                        (k == 1 && !strcmp(parts[i], "nowait"));
            }
            if (!have) {
                g_string_append_printf(s, ",%s", vals[k]);
            }
        }
    }
    return g_string_free(s, false);
}

bool gdbserver_start(const char *device, GError **errp)
{
    g_autofree char *spec = NULL;
    Chardev *chr;

    if (!strcmp(device, "none")) {
        return true;
    }
    if (gdb.chr.chr) {
        error_setg(errp, "gdbstub: only one -gdb device is supported");
        return false;
    }
    spec = gdb_device_spec(device);
    chr = qemu_chr_new("gdb", spec, errp);
    if (!chr) {
        return false;
    }
    if (!gdb.in) {
        gdb.in = g_string_new("");
        gdb.last = g_string_new("");
        gdb.stop_bh = qemu_bh_new(stop_bh_cb, NULL);
    }
    if (!qemu_chr_fe_init(&gdb.chr, chr, errp)) {
        return false;
    }
    qemu_chr_fe_set_handlers(&gdb.chr, gdb_can_read, gdb_read, gdb_event, NULL);
    return true;
}
