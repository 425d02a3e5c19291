/*
 * HMP, the human monitor: a "(qemu) " prompt on a chardev, minimal line
 * editing (printable characters, backspace, Enter; escape sequences such
 * as arrow keys are swallowed), and a table of commands. hmp_run_command()
 * runs one line and returns its output with "\r\n" line ends; QMP's
 * human-monitor-command uses it too.
 */
#include "qemu/osdep.h"
#include "hw/core/cpu.h"
#include "sysemu/accel.h"
#include "sysemu/cpus.h"
#include "monitor/monitor.h"
#include "monitor/qmp-cmds.h"
#include "exec/memory.h"
#include "hw/qdev-core.h"
#include "hw/sysbus.h"
#include "net/net.h"
#include "sysemu/runstate.h"
#include "sysemu/sysemu.h"

#define HMP_PROMPT   "(qemu) "
#define HMP_MAX_LINE 4096

typedef struct HmpCommand {
    const char *name;   /* "stop|s": the name, then aliases */
    const char *params; /* argument synopsis for help, "" if none */
    const char *help;
    /* args: the rest of the line, trimmed ("" if none). */
    void (*fn)(GString *out, const char *args, int *cur_cpu);
    bool takes_args;
} HmpCommand;

/* Is word one of the '|'-separated names of cmd? */
static bool hmp_name_matches(const HmpCommand *cmd, const char *word)
{
    size_t len = strlen(word);
    const char *p = cmd->name;

    while (p) {
        const char *bar = strchr(p, '|');
        size_t n = bar ? (size_t)(bar - p) : strlen(p);

        if (n == len && !strncmp(p, word, len)) {
            return true;
        }
        p = bar ? bar + 1 : NULL;
    }
    return false;
}

static const HmpCommand *hmp_find(const HmpCommand *table, const char *word)
{
    for (; table->name; table++) {
        if (hmp_name_matches(table, word)) {
            return table;
        }
    }
    return NULL;
}

static void hmp_print_help_line(GString *out, const char *prefix,
                                const HmpCommand *cmd)
{
    g_string_append_printf(out, "%s%s %s -- %s\n", prefix, cmd->name,
                           cmd->params, cmd->help);
}

/* Run a QMP command that takes no arguments, printing its error if any. */
static void hmp_call_qmp(GString *out, const char *name)
{
    g_autoptr(JsonObject) args = json_object_new();
    const QmpCommand *cmd = qmp_command_find(name);
    GError *err = NULL;
    JsonNode *ret;

    g_assert(cmd);
    ret = cmd->fn(args, &err);
    if (ret) {
        json_node_unref(ret);
    } else {
        g_string_append_printf(out, "Error: %s\n", err->message);
        g_error_free(err);
    }
}

/* info qtree */

typedef struct QtreeProp {
    GString *out;
    Object *obj;
    int indent;
} QtreeProp;

static void qtree_print_prop(const Property *prop, void *opaque)
{
    QtreeProp *q = opaque;
    g_autofree char *v = object_property_print(q->obj, prop);

    g_string_append_printf(q->out, "%*s%s = ", q->indent, "", prop->name);
    switch (prop->type) {
    case PROP_TYPE_BOOL:
        g_string_append(q->out, v);
        break;
    case PROP_TYPE_STRING:
    case PROP_TYPE_LINK:
    case PROP_TYPE_CHR:
        g_string_append_printf(q->out, "\"%s\"", v);
        break;
    case PROP_TYPE_INT32:
    case PROP_TYPE_INT64:
        g_string_append_printf(q->out, "%s (0x%" PRIx64 ")", v,
                               (uint64_t)g_ascii_strtoll(v, NULL, 10));
        break;
    default:
        g_string_append_printf(q->out, "%s (0x%" PRIx64 ")", v,
                               g_ascii_strtoull(v, NULL, 10));
        break;
    }
    g_string_append_c(q->out, '\n');
}

static void qtree_print_dev(GString *out, DeviceState *dev, int indent)
{
    SysBusDevice *sbd = SYS_BUS_DEVICE(dev);
    QtreeProp q = { out, OBJECT(dev), indent + 2 };

    g_string_append_printf(out, "%*sdev: %s, id \"%s\"\n", indent, "",
                           object_get_typename(OBJECT(dev)),
                           dev->id ? dev->id : "");
    /* GPIO lists, the most recently created first, as QEMU lists them. */
    for (guint i = dev->gpios ? dev->gpios->len : 0; i-- > 0;) {
        NamedGPIOList *ngl = dev->gpios->pdata[i];
        const char *name = ngl->name ? ngl->name : "";

        if (ngl->num_in) {
            g_string_append_printf(out, "%*sgpio-in \"%s\" %d\n", indent + 2,
                                   "", name, ngl->num_in);
        }
        if (ngl->num_out) {
            g_string_append_printf(out, "%*sgpio-out \"%s\" %d\n", indent + 2,
                                   "", name, ngl->num_out);
        }
    }
    object_class_foreach_prop(object_get_class(OBJECT(dev)), qtree_print_prop,
                              &q);
    for (int i = 0; i < sbd->num_mmio; i++) {
        g_string_append_printf(
            out, "%*smmio %016" HWADDR_PRIx "/%016" PRIx64 "\n", indent + 2, "",
            sbd->mmio[i].addr, sbd->mmio[i].memory->size);
    }
}

static int qtree_collect(Object *obj, void *opaque)
{
    if (object_dynamic_cast(obj, TYPE_SYS_BUS_DEVICE)) {
        g_ptr_array_add(opaque, obj);
    }
    return object_child_foreach(obj, qtree_collect, opaque);
}

/*
 * Every sysbus device sits on the one system bus; QEMU lists a bus's
 * devices newest first.
 */
static void hmp_info_qtree(GString *out, const char *args, int *cur_cpu)
{
    g_autoptr(GPtrArray) devs = g_ptr_array_new();

    qtree_collect(object_get_root(), devs);
    g_string_append(out, "bus: main-system-bus\n");
    g_string_append(out, "  type System\n");
    for (guint i = devs->len; i-- > 0;) {
        qtree_print_dev(out, DEVICE(devs->pdata[i]), 2);
    }
}

/* The other info subcommands */

static void hmp_info_mtree(GString *out, const char *args, int *cur_cpu)
{
    mtree_info(out);
}

static void print_chardev(Chardev *chr, void *opaque)
{
    g_string_append_printf(opaque, "%s: filename=%s\n", chr->label,
                           chr->filename ? chr->filename : "");
}

static void hmp_info_chardev(GString *out, const char *args, int *cur_cpu)
{
    qemu_chr_foreach(print_chardev, out);
}

static void hmp_info_name(GString *out, const char *args, int *cur_cpu)
{
    if (qemu_get_name()) {
        g_string_append_printf(out, "%s\n", qemu_get_name());
    }
}

static void hmp_info_status(GString *out, const char *args, int *cur_cpu)
{
    RunState state = runstate_get();

    if (runstate_is_running()) {
        g_string_append(out, "VM status: running\n");
    } else if (state == RUN_STATE_PAUSED) {
        g_string_append(out, "VM status: paused\n");
    } else {
        g_string_append_printf(out, "VM status: paused (%s)\n",
                               runstate_name(state));
    }
}

/* Is args a whole number (C syntax: 0x.. too)? */
static bool hmp_parse_int(const char *args, gint64 *value)
{
    char *end;

    *value = g_ascii_strtoll(args, &end, 0);
    return *args && !*end;
}

static bool hmp_cpu_exists(gint64 index)
{
    return index >= 0 && index <= INT_MAX && cpu_by_index(index);
}

/* Print one CPU's state under QEMU's "\nCPU#N" heading. */
static void hmp_dump_cpu(GString *out, CPUState *cpu, int index)
{
    cpu_synchronize_state(cpu);
    g_string_append_printf(out, "\nCPU#%d\n", index);
    cpu_dump_state(cpu, out);
}

/* info registers [-a|vcpu]: the current CPU's state, all, or one. */
static void hmp_info_registers(GString *out, const char *args, int *cur_cpu)
{
    gint64 index = *cur_cpu;

    if (!strcmp(args, "-a")) {
        CPU_FOREACH_INDEX(i)
        {
            hmp_dump_cpu(out, cpu_by_index(i), i);
        }
        return;
    }
    if (*args && !hmp_parse_int(args, &index)) {
        g_string_append_printf(out, "info registers: invalid argument '%s'\n",
                               args);
    } else if (!hmp_cpu_exists(index)) {
        g_string_append_printf(out, "CPU#%" G_GINT64_FORMAT " not available\n",
                               index);
    } else {
        hmp_dump_cpu(out, cpu_by_index(index), index);
    }
}

/* As QEMU's: the monitor's current CPU starred, host thread ids. */
static void hmp_info_cpus(GString *out, const char *args, int *cur_cpu)
{
    CPU_FOREACH_INDEX(i)
    {
        CPUState *cpu = cpu_by_index(i);

        g_string_append_printf(out, "%c CPU #%d: thread_id=%d\n",
                               i == *cur_cpu ? '*' : ' ', i,
                               cpu->thread_id ? cpu->thread_id : getpid());
    }
}

static void hmp_info_jit(GString *out, const char *args, int *cur_cpu)
{
    const AccelOps *ops = cpus_get_accel();

    if (ops && ops->info_stats) {
        ops->info_stats(out);
    } else {
        g_string_append_printf(out, "the %s accelerator has no JIT\n",
                               current_accel_name());
    }
}

/* As QEMU's `info kvm`. */
static void hmp_info_kvm(GString *out, const char *args, int *cur_cpu)
{
    g_string_append_printf(out, "kvm support: %s\n",
                           !kvm_available() ? "not compiled"
                           : kvm_enabled()  ? "enabled"
                                            : "disabled");
}

static void hmp_info_network(GString *out, const char *args, int *cur_cpu)
{
    net_info(out);
}

static void hmp_info_version(GString *out, const char *args, int *cur_cpu)
{
    g_string_append_printf(out, "%s (%s)\n", QEMU_VERSION, QEMU_PKGVERSION);
}

static const HmpCommand hmp_info_cmds[] = {
    { "chardev", "", "list the character devices and their backends",
      hmp_info_chardev },
    { "cpus", "", "show infos for each CPU", hmp_info_cpus },
    { "jit", "", "show the execution engine's counters", hmp_info_jit },
    { "kvm", "", "show KVM information", hmp_info_kvm },
    { "mtree", "", "show the memory region tree", hmp_info_mtree },
    { "network", "", "show the network state", hmp_info_network },
    { "name", "", "show the VM name given with -name", hmp_info_name },
    { "registers", "[-a|vcpu]",
      "show the current CPU's registers (-a: every CPU's; vcpu: that one's)",
      hmp_info_registers, true },
    { "qtree", "", "show the devices, their properties and MMIO regions",
      hmp_info_qtree },
    { "status", "", "show whether the VM is running or paused",
      hmp_info_status },
    { "version", "", "show the emulator version", hmp_info_version },
    { NULL },
};

/* Top-level commands */

static void hmp_print_info_help(GString *out)
{
    for (const HmpCommand *c = hmp_info_cmds; c->name; c++) {
        hmp_print_help_line(out, "info ", c);
    }
}

static void hmp_help(GString *out, const char *args, int *cur_cpu);
static void hmp_info(GString *out, const char *args, int *cur_cpu);

/* cpu INDEX: the CPU that info registers and info cpus mean. */
static void hmp_cpu(GString *out, const char *args, int *cur_cpu)
{
    gint64 index;

    if (!hmp_parse_int(args, &index) || !hmp_cpu_exists(index)) {
        g_string_append(out, "invalid CPU index\n");
        return;
    }
    *cur_cpu = index;
}

static void hmp_stop(GString *out, const char *args, int *cur_cpu)
{
    hmp_call_qmp(out, "stop");
}

static void hmp_cont(GString *out, const char *args, int *cur_cpu)
{
    hmp_call_qmp(out, "cont");
}

static void hmp_system_reset(GString *out, const char *args, int *cur_cpu)
{
    hmp_call_qmp(out, "system_reset");
}

static void hmp_system_powerdown(GString *out, const char *args, int *cur_cpu)
{
    hmp_call_qmp(out, "system_powerdown");
}

static char *hmp_split_word(const char *line, const char **rest);

/* set_link NAME on|off */
static void hmp_set_link(GString *out, const char *args, int *cur_cpu)
{
    const char *rest, *end;
    g_autofree char *name = hmp_split_word(args, &rest);
    g_autofree char *state = hmp_split_word(rest, &end);
    GError *err = NULL;

    if (!*name || (strcmp(state, "on") && strcmp(state, "off")) || *end) {
        g_string_append(out, "Usage: set_link name on|off\n");
        return;
    }
    if (!net_set_link(name, !strcmp(state, "on"), &err)) {
        g_string_append_printf(out, "Error: %s\n", err->message);
        g_error_free(err);
    }
}

/* Set by quit: no prompt after it, the emulator is on its way out. */
static bool hmp_quitting;

static void hmp_quit(GString *out, const char *args, int *cur_cpu)
{
    hmp_quitting = true;
    hmp_call_qmp(out, "quit");
}

static const HmpCommand hmp_cmds[] = {
    { "cont|c", "", "resume the VM", hmp_cont },
    { "cpu", "index", "set the default CPU", hmp_cpu, true },
    { "help|?", "[cmd]", "list the commands, or show the help of one", hmp_help,
      true },
    { "info", "[subcommand]", "show information about the VM", hmp_info, true },
    { "quit|q", "", "quit the emulator", hmp_quit },
    { "set_link", "name on|off", "change the link status of a network adapter",
      hmp_set_link, true },
    { "stop|s", "", "pause the VM", hmp_stop },
    { "system_powerdown", "", "ask the guest to power down",
      hmp_system_powerdown },
    { "system_reset", "", "reset the machine", hmp_system_reset },
    { NULL },
};

/* Split "word rest" into the first word and the trimmed rest. */
static char *hmp_split_word(const char *line, const char **rest)
{
    const char *end = line;

    while (*end && !g_ascii_isspace(*end)) {
        end++;
    }
    *rest = end;
    while (g_ascii_isspace(**rest)) {
        (*rest)++;
    }
    return g_strndup(line, end - line);
}

/*
 * Run cmd with args; prefix is "info " for info subcommands. A command
 * without arguments refuses any.
 */
static void hmp_run(GString *out, const HmpCommand *cmd, const char *word,
                    const char *args, const char *prefix, int *cur_cpu)
{
    if (!cmd->takes_args && *args) {
        g_string_append_printf(out,
                               "%s: extraneous characters at the end of line\n"
                               "Try \"help %s%s\" for more information\n",
                               cmd->name, prefix, word);
        return;
    }
    cmd->fn(out, args, cur_cpu);
}

static void hmp_info(GString *out, const char *args, int *cur_cpu)
{
    g_autofree char *word = NULL;
    const HmpCommand *cmd;
    const char *rest;

    if (!*args) {
        hmp_print_info_help(out);
        return;
    }
    word = hmp_split_word(args, &rest);
    cmd = hmp_find(hmp_info_cmds, word);
    if (!cmd) {
        g_string_append_printf(out, "unknown command: 'info %s'\n", word);
        return;
    }
    hmp_run(out, cmd, word, rest, "info ", cur_cpu);
}

static void hmp_help(GString *out, const char *args, int *cur_cpu)
{
    g_autofree char *word = NULL;
    g_autofree char *sub = NULL;
    const HmpCommand *cmd;
    const char *rest;

    if (!*args) {
        for (cmd = hmp_cmds; cmd->name; cmd++) {
            hmp_print_help_line(out, "", cmd);
        }
        return;
    }
    word = hmp_split_word(args, &rest);
    cmd = hmp_find(hmp_cmds, word);
    if (!cmd) {
        g_string_append_printf(out, "unknown command: '%s'\n", word);
        return;
    }
    if (cmd->fn != hmp_info) {
        hmp_print_help_line(out, "", cmd);
        return;
    }
    if (!*rest) {
        hmp_print_info_help(out);
        return;
    }
    sub = hmp_split_word(rest, &rest);
    cmd = hmp_find(hmp_info_cmds, sub);
    if (!cmd) {
        g_string_append_printf(out, "unknown command: 'info %s'\n", sub);
        return;
    }
    hmp_print_help_line(out, "info ", cmd);
}

char *hmp_run_command(const char *cmdline, int *cur_cpu)
{
    g_autoptr(GString) out = g_string_new(NULL);
    g_autofree char *line = g_strstrip(g_strdup(cmdline));
    g_autofree char *word = NULL;
    GString *crlf;
    const HmpCommand *cmd;
    const char *args;

    if (*line) {
        word = hmp_split_word(line, &args);
        cmd = hmp_find(hmp_cmds, word);
        if (cmd) {
            hmp_run(out, cmd, word, args, "", cur_cpu);
        } else {
            g_string_append_printf(out, "unknown command: '%s'\n", word);
        }
    }
    /* Monitor output ends its lines with "\r\n". */
    crlf = g_string_sized_new(out->len + out->len / 16);
    for (gsize i = 0; i < out->len; i++) {
        if (out->str[i] == '\n' && (i == 0 || out->str[i - 1] != '\r')) {
            g_string_append_c(crlf, '\r');
        }
        g_string_append_c(crlf, out->str[i]);
    }
    return g_string_free(crlf, false);
}

/* The monitor on a chardev */

typedef struct MonitorHMP {
    CharBackend be;
    GString *line;
    bool opened;  /* the chardev is open */
    bool greeted; /* the banner was shown in this session */
    bool mux_out; /* a mux gave the input focus to another frontend */
    bool last_cr; /* the previous byte was '\r' (swallow "\n" of CRLF) */
    int esc;      /* 0, or inside an escape sequence: 1 after ESC, 2 */
    int cur_cpu;  /* set by `cpu N`: what info registers shows */
} MonitorHMP;

static GPtrArray *hmp_monitors;

static void hmp_puts(MonitorHMP *mon, const char *s)
{
    qemu_chr_fe_write_all(&mon->be, (const uint8_t *)s, strlen(s));
}

/* Show the banner once per session, then a fresh prompt. */
static void hmp_show_prompt(MonitorHMP *mon)
{
    if (!mon->greeted) {
        g_autofree char *banner = g_strdup_printf(
            "QEMU %s monitor - type 'help' for more information\r\n",
            QEMU_VERSION);

        hmp_puts(mon, banner);
        mon->greeted = true;
    }
    g_string_truncate(mon->line, 0);
    hmp_puts(mon, HMP_PROMPT);
}

static void hmp_execute_line(MonitorHMP *mon)
{
    g_autofree char *cmdline = g_strdup(mon->line->str);
    g_autofree char *output = NULL;

    hmp_puts(mon, "\r\n");
    g_string_truncate(mon->line, 0);
    output = hmp_run_command(cmdline, &mon->cur_cpu);
    hmp_puts(mon, output);
    if (mon->opened && !mon->mux_out && !hmp_quitting) {
        hmp_puts(mon, HMP_PROMPT);
    }
}

static void hmp_input_byte(MonitorHMP *mon, uint8_t c)
{
    bool was_cr = mon->last_cr;

    mon->last_cr = c == '\r';
    if (mon->esc == 1) {
        mon->esc = (c == '[' || c == 'O') ? 2 : 0;
        return;
    }
    if (mon->esc == 2) {
        /* CSI parameters until a final byte in 0x40..0x7e. */
        if (c >= 0x40 && c <= 0x7e) {
            mon->esc = 0;
        }
        return;
    }
    switch (c) {
    case 0x1b:
        mon->esc = 1;
        break;
    case '\n':
        if (!was_cr) {
            hmp_execute_line(mon);
        }
        break;
    case '\r':
        hmp_execute_line(mon);
        break;
    case '\b':
    case 0x7f:
        if (mon->line->len) {
            gsize len = mon->line->len - 1;

            /* Drop a whole UTF-8 character: its continuation bytes too. */
            while (len > 0 && (mon->line->str[len] & 0xc0) == 0x80) {
                len--;
            }
            g_string_truncate(mon->line, len);
            hmp_puts(mon, "\b \b");
        }
        break;
    default:
        if (c >= 0x20 && mon->line->len < HMP_MAX_LINE) {
            g_string_append_c(mon->line, c);
            qemu_chr_fe_write_all(&mon->be, &c, 1);
        }
        break;
    }
}

static int hmp_can_read(void *opaque)
{
    return 256;
}

static void hmp_read(void *opaque, const uint8_t *buf, int size)
{
    MonitorHMP *mon = opaque;

    for (int i = 0; i < size; i++) {
        hmp_input_byte(mon, buf[i]);
    }
}

static void hmp_chr_event(void *opaque, QEMUChrEvent event)
{
    MonitorHMP *mon = opaque;

    switch (event) {
    case CHR_EVENT_OPENED:
        if (!mon->opened) {
            mon->opened = true;
            if (!mon->mux_out) {
                hmp_show_prompt(mon);
            }
        }
        break;
    case CHR_EVENT_MUX_IN:
        mon->mux_out = false;
        if (mon->opened) {
            hmp_show_prompt(mon);
        }
        break;
    case CHR_EVENT_MUX_OUT:
        if (mon->opened && !mon->mux_out) {
            hmp_puts(mon, "\r\n");
        }
        mon->mux_out = true;
        break;
    case CHR_EVENT_CLOSED:
        mon->opened = false;
        mon->greeted = false;
        mon->esc = 0;
        mon->last_cr = false;
        g_string_truncate(mon->line, 0);
        break;
    default:
        break;
    }
}

bool hmp_monitor_init(Chardev *chr, GError **errp)
{
    MonitorHMP *mon = g_new0(MonitorHMP, 1);

    if (!qemu_chr_fe_init(&mon->be, chr, errp)) {
        g_free(mon);
        return false;
    }
    mon->line = g_string_new(NULL);
    if (!hmp_monitors) {
        hmp_monitors = g_ptr_array_new();
    }
    g_ptr_array_add(hmp_monitors, mon);
    qemu_chr_fe_set_handlers(&mon->be, hmp_can_read, hmp_read, hmp_chr_event,
                             mon);
    /* A backend already open may not announce it again. */
    if (chr->be_open && !mon->opened) {
        hmp_chr_event(mon, CHR_EVENT_OPENED);
    }
    return true;
}

void hmp_monitor_cleanup(void)
{
    for (guint i = 0; hmp_monitors && i < hmp_monitors->len; i++) {
        MonitorHMP *mon = hmp_monitors->pdata[i];

        qemu_chr_fe_deinit(&mon->be);
        g_string_free(mon->line, true);
        g_free(mon);
    }
    if (hmp_monitors) {
        g_ptr_array_free(hmp_monitors, true);
        hmp_monitors = NULL;
    }
}
