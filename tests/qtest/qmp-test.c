/*
 * QMP as QEMU 7.2 speaks it: the greeting and capabilities negotiation,
 * the shape of each command's reply, events, error replies, and HMP
 * through human-monitor-command. Runs against our binary and Debian's.
 *
 * The machine starts running under our qtest accelerator and in prelaunch
 * under Debian's -S, so tests that need a running VM cont it first.
 */
#include "libqtest.h"
#include <poll.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

/* A second QMP monitor on a socket the test connects to itself. */
typedef struct RawQmp {
    int fd;
    GString *buf;
} RawQmp;

static char *second_monitor_path(void)
{
    return g_strdup_printf("%s/qmp-test-%d.sock", g_get_tmp_dir(), getpid());
}

static char *second_monitor_args(const char *path)
{
    return g_strdup_printf(
        "-M virt -chardev socket,path=%s,server=on,wait=off,id=mon2"
        " -mon chardev=mon2,mode=control",
        path);
}

static RawQmp *raw_connect(const char *path)
{
    RawQmp *r = g_new0(RawQmp, 1);
    struct sockaddr_un addr = { .sun_family = AF_UNIX };

    g_assert(strlen(path) < sizeof(addr.sun_path));
    strcpy(addr.sun_path, path);
    r->fd = socket(AF_UNIX, SOCK_STREAM, 0);
    g_assert(r->fd >= 0);
    g_assert_cmpint(connect(r->fd, (struct sockaddr *)&addr, sizeof(addr)), ==,
                    0);
    r->buf = g_string_new("");
    return r;
}

static void raw_close(RawQmp *r)
{
    close(r->fd);
    g_string_free(r->buf, TRUE);
    g_free(r);
}

static void raw_send(RawQmp *r, const char *text)
{
    size_t len = strlen(text);

    g_assert_cmpint(write(r->fd, text, len), ==, len);
}

/* The next message; fails the test after 10 s of silence. */
static JsonObject *raw_receive(RawQmp *r)
{
    for (;;) {
        char *nl = memchr(r->buf->str, '\n', r->buf->len);
        struct pollfd pfd = { .fd = r->fd, .events = POLLIN };
        char tmp[4096];
        ssize_t n;

        if (nl) {
            g_autoptr(JsonParser) parser = json_parser_new();
            g_autofree char *line = g_strndup(r->buf->str, nl - r->buf->str);
            g_autoptr(GError) err = NULL;
            JsonNode *root;

            g_string_erase(r->buf, 0, nl - r->buf->str + 1);
            g_assert(g_str_has_suffix(line, "\r"));
            g_assert(json_parser_load_from_data(parser, line, -1, &err));
            root = json_parser_get_root(parser);
            g_assert(JSON_NODE_HOLDS_OBJECT(root));
            return json_object_ref(json_node_get_object(root));
        }
        g_assert_cmpint(poll(&pfd, 1, 10000), ==, 1);
        n = read(r->fd, tmp, sizeof(tmp));
        g_assert_cmpint(n, >, 0);
        g_string_append_len(r->buf, tmp, n);
    }
}

/* The next message that is not an event. */
static JsonObject *raw_command(RawQmp *r, const char *text)
{
    raw_send(r, text);
    for (;;) {
        JsonObject *msg = raw_receive(r);

        if (!json_object_has_member(msg, "event")) {
            return msg;
        }
        json_object_unref(msg);
    }
}

/* Skip other messages until event name arrives. */
static JsonObject *raw_eventwait(RawQmp *r, const char *name)
{
    for (;;) {
        JsonObject *msg = raw_receive(r);

        if (json_object_has_member(msg, "event") &&
            !strcmp(json_object_get_string_member(msg, "event"), name)) {
            return msg;
        }
        json_object_unref(msg);
    }
}

static void assert_error(JsonObject *reply, const char *cls, const char *desc)
{
    JsonObject *err;

    g_assert(json_object_has_member(reply, "error"));
    g_assert(!json_object_has_member(reply, "return"));
    err = json_object_get_object_member(reply, "error");
    g_assert_cmpstr(json_object_get_string_member(err, "class"), ==, cls);
    g_assert_cmpstr(json_object_get_string_member(err, "desc"), ==, desc);
    json_object_unref(reply);
}

/* The reply's "return" member, which must be an object. */
static JsonObject *return_object(JsonObject *reply)
{
    g_assert(!qmp_has_error(reply));
    return json_object_get_object_member(reply, "return");
}

static JsonArray *return_array(JsonObject *reply)
{
    g_assert(!qmp_has_error(reply));
    return json_object_get_array_member(reply, "return");
}

static void assert_int_member(JsonObject *obj, const char *name)
{
    JsonNode *n = json_object_get_member(obj, name);

    g_assert(n && JSON_NODE_HOLDS_VALUE(n));
    g_assert(json_node_get_value_type(n) == G_TYPE_INT64);
}

static void assert_version_info(JsonObject *v)
{
    JsonObject *qemu = json_object_get_object_member(v, "qemu");

    assert_int_member(qemu, "major");
    assert_int_member(qemu, "minor");
    assert_int_member(qemu, "micro");
    g_assert_cmpuint(json_object_get_size(qemu), ==, 3);
    g_assert(json_object_get_string_member(v, "package"));
    g_assert_cmpuint(json_object_get_size(v), ==, 2);
}

static bool vm_running(QTestState *qts)
{
    JsonObject *reply = qtest_qmp(qts, "{\"execute\": \"query-status\"}");
    bool running =
        json_object_get_boolean_member(return_object(reply), "running");

    json_object_unref(reply);
    return running;
}

static void event_unref(JsonObject *ev, const char *name)
{
    JsonObject *ts = json_object_get_object_member(ev, "timestamp");

    g_assert_cmpstr(json_object_get_string_member(ev, "event"), ==, name);
    assert_int_member(ts, "seconds");
    assert_int_member(ts, "microseconds");
    g_assert_cmpint(json_object_get_int_member(ts, "microseconds"), <, 1000000);
    json_object_unref(ev);
}

/* Start the VM if it is in prelaunch (Debian's -S). */
static void ensure_running(QTestState *qts)
{
    if (!vm_running(qts)) {
        json_object_unref(qtest_qmp(qts, "{\"execute\": \"cont\"}"));
        event_unref(qtest_qmp_eventwait(qts, "RESUME"), "RESUME");
    }
    g_assert(vm_running(qts));
}

static void test_greeting_and_negotiation(void)
{
    g_autofree char *path = second_monitor_path();
    g_autofree char *args = second_monitor_args(path);
    QTestState *qts = qtest_init(args);
    JsonObject *greeting, *qmp, *reply;
    JsonArray *caps;
    RawQmp *r = raw_connect(path);

    greeting = raw_receive(r);
    g_assert_cmpuint(json_object_get_size(greeting), ==, 1);
    qmp = json_object_get_object_member(greeting, "QMP");
    assert_version_info(json_object_get_object_member(qmp, "version"));
    caps = json_object_get_array_member(qmp, "capabilities");
    g_assert_cmpuint(json_array_get_length(caps), ==, 1);
    g_assert_cmpstr(json_array_get_string_element(caps, 0), ==, "oob");

    /* query-version reports what the greeting said. */
    reply = qtest_qmp(qts, "{\"execute\": \"query-version\"}");
    g_assert(json_node_equal(json_object_get_member(qmp, "version"),
                             json_object_get_member(reply, "return")));
    json_object_unref(reply);
    json_object_unref(greeting);

    /* Nothing but qmp_capabilities before negotiation. */
    assert_error(raw_command(r, "{\"execute\": \"query-status\"}\n"),
                 "CommandNotFound",
                 "Expecting capabilities negotiation with 'qmp_capabilities'");
    reply = raw_command(r, "{\"execute\": \"qmp_capabilities\", \"id\": 7}\n");
    g_assert_cmpint(json_object_get_size(return_object(reply)), ==, 0);
    g_assert_cmpint(json_object_get_int_member(reply, "id"), ==, 7);
    json_object_unref(reply);
    assert_error(
        raw_command(r, "{\"execute\": \"qmp_capabilities\"}\n"),
        "CommandNotFound",
        "Capabilities negotiation is already complete, command ignored");
    reply = raw_command(r, "{\"execute\": \"query-status\"}\n");
    g_assert(json_object_has_member(return_object(reply), "status"));
    json_object_unref(reply);

    /* Events go to every negotiated monitor. */
    ensure_running(qts);
    json_object_unref(qtest_qmp(qts, "{\"execute\": \"stop\"}"));
    event_unref(qtest_qmp_eventwait(qts, "STOP"), "STOP");
    event_unref(raw_eventwait(r, "STOP"), "STOP");

    /* A new client gets a new greeting and must negotiate again. */
    raw_close(r);
    r = raw_connect(path);
    greeting = raw_receive(r);
    g_assert(json_object_has_member(greeting, "QMP"));
    json_object_unref(greeting);
    assert_error(raw_command(r, "{\"execute\": \"query-name\"}\n"),
                 "CommandNotFound",
                 "Expecting capabilities negotiation with 'qmp_capabilities'");
    raw_close(r);
    qtest_quit(qts);
    unlink(path);
}

static void test_query_status(void)
{
    QTestState *qts = qtest_init("-M virt");
    JsonObject *reply = qtest_qmp(qts, "{\"execute\": \"query-status\"}");
    JsonObject *st = return_object(reply);
    const char *status = json_object_get_string_member(st, "status");
    bool running = json_object_get_boolean_member(st, "running");

    g_assert_cmpuint(json_object_get_size(st), ==, 3);
    g_assert_false(json_object_get_boolean_member(st, "singlestep"));
    if (running) {
        g_assert_cmpstr(status, ==, "running");
    } else {
        g_assert_cmpstr(status, ==, "prelaunch");
    }
    json_object_unref(reply);
    qtest_quit(qts);
}

static void test_query_version(void)
{
    QTestState *qts = qtest_init("-M virt");
    JsonObject *reply =
        qtest_qmp(qts, "{\"execute\": \"query-version\", \"id\": \"v\"}");

    assert_version_info(return_object(reply));
    g_assert_cmpstr(json_object_get_string_member(reply, "id"), ==, "v");
    json_object_unref(reply);
    qtest_quit(qts);
}

static void test_query_name(void)
{
    QTestState *qts = qtest_init("-M virt");
    JsonObject *reply = qtest_qmp(qts, "{\"execute\": \"query-name\"}");

    g_assert_cmpuint(json_object_get_size(return_object(reply)), ==, 0);
    json_object_unref(reply);
    qtest_quit(qts);

    qts = qtest_init("-M virt -name guest-one");
    reply = qtest_qmp(qts, "{\"execute\": \"query-name\"}");
    g_assert_cmpstr(json_object_get_string_member(return_object(reply), "name"),
                    ==, "guest-one");
    json_object_unref(reply);
    qtest_quit(qts);
}

static void test_query_commands(void)
{
    static const char *const expected[] = {
        "qmp_capabilities",
        "query-version",
        "query-commands",
        "query-status",
        "query-name",
        "query-machines",
        "query-cpus-fast",
        "stop",
        "cont",
        "system_reset",
        "system_powerdown",
        "quit",
        "human-monitor-command",
    };
    QTestState *qts = qtest_init("-M virt");
    JsonObject *reply = qtest_qmp(qts, "{\"execute\": \"query-commands\"}");
    JsonArray *list = return_array(reply);

    for (size_t i = 0; i < G_N_ELEMENTS(expected); i++) {
        bool found = false;

        for (guint j = 0; j < json_array_get_length(list); j++) {
            JsonObject *cmd = json_array_get_object_element(list, j);

            g_assert_cmpuint(json_object_get_size(cmd), ==, 1);
            found |= !strcmp(json_object_get_string_member(cmd, "name"),
                             expected[i]);
        }
        g_assert_true(found);
    }
    json_object_unref(reply);
    qtest_quit(qts);
}

static void test_query_machines(void)
{
    QTestState *qts = qtest_init("-M virt");
    JsonObject *reply = qtest_qmp(qts, "{\"execute\": \"query-machines\"}");
    JsonArray *list = return_array(reply);
    JsonObject *virt = NULL;
    int defaults = 0;

    g_assert_cmpuint(json_array_get_length(list), >, 0);
    for (guint i = 0; i < json_array_get_length(list); i++) {
        JsonObject *m = json_array_get_object_element(list, i);

        g_assert(json_object_get_string_member(m, "name"));
        assert_int_member(m, "cpu-max");
        g_assert_false(json_object_get_boolean_member(m, "deprecated"));
        g_assert_false(json_object_get_boolean_member(m, "hotpluggable-cpus"));
        g_assert(json_object_has_member(m, "numa-mem-supported"));
        if (json_object_has_member(m, "is-default")) {
            g_assert_true(json_object_get_boolean_member(m, "is-default"));
            defaults++;
        }
        if (!strcmp(json_object_get_string_member(m, "name"), "virt")) {
            virt = m;
        }
    }
    g_assert_cmpint(defaults, ==, 1);
    g_assert(virt);
    g_assert_cmpint(json_object_get_int_member(virt, "cpu-max"), ==, 512);
    g_assert_cmpstr(json_object_get_string_member(virt, "default-cpu-type"), ==,
                    "rv64-riscv-cpu");
    json_object_unref(reply);
    qtest_quit(qts);
}

static void test_query_cpus_fast(void)
{
    QTestState *qts = qtest_init("-M virt -smp 2");
    JsonObject *reply = qtest_qmp(qts, "{\"execute\": \"query-cpus-fast\"}");
    JsonArray *list = return_array(reply);

    g_assert_cmpuint(json_array_get_length(list), ==, 2);
    for (guint i = 0; i < 2; i++) {
        JsonObject *cpu = json_array_get_object_element(list, i);
        JsonObject *props = json_object_get_object_member(cpu, "props");
        g_autofree char *tail = g_strdup_printf("/harts[%u]", i);
        const char *path = json_object_get_string_member(cpu, "qom-path");

        g_assert_cmpint(json_object_get_int_member(cpu, "cpu-index"), ==, i);
        g_assert_cmpint(json_object_get_int_member(props, "core-id"), ==, i);
        g_assert_cmpuint(json_object_get_size(props), ==, 1);
        g_assert_true(g_str_has_prefix(path, "/machine/"));
        g_assert_true(g_str_has_suffix(path, tail));
        g_assert_cmpint(json_object_get_int_member(cpu, "thread-id"), >, 0);
        g_assert_cmpstr(json_object_get_string_member(cpu, "target"), ==,
                        "riscv64");
        g_assert_cmpuint(json_object_get_size(cpu), ==, 5);
    }
    json_object_unref(reply);
    qtest_quit(qts);
}

static void test_stop_cont(void)
{
    QTestState *qts = qtest_init("-M virt");
    JsonObject *reply;

    ensure_running(qts);
    reply = qtest_qmp(qts, "{\"execute\": \"stop\"}");
    g_assert_cmpuint(json_object_get_size(return_object(reply)), ==, 0);
    json_object_unref(reply);
    event_unref(qtest_qmp_eventwait(qts, "STOP"), "STOP");
    g_assert_false(vm_running(qts));

    reply = qtest_qmp(qts, "{\"execute\": \"query-status\"}");
    g_assert_cmpstr(
        json_object_get_string_member(return_object(reply), "status"), ==,
        "paused");
    json_object_unref(reply);

    reply = qtest_qmp(qts, "{\"execute\": \"cont\"}");
    g_assert(!qmp_has_error(reply));
    json_object_unref(reply);
    event_unref(qtest_qmp_eventwait(qts, "RESUME"), "RESUME");
    g_assert_true(vm_running(qts));
    qtest_quit(qts);
}

static void test_system_reset(void)
{
    QTestState *qts = qtest_init("-M virt");
    JsonObject *ev, *data;

    json_object_unref(qtest_qmp(qts, "{\"execute\": \"system_reset\"}"));
    ev = qtest_qmp_eventwait(qts, "RESET");
    data = json_object_get_object_member(ev, "data");
    g_assert_false(json_object_get_boolean_member(data, "guest"));
    g_assert_cmpstr(json_object_get_string_member(data, "reason"), ==,
                    "host-qmp-system-reset");
    g_assert_cmpuint(json_object_get_size(data), ==, 2);
    event_unref(ev, "RESET");
    qtest_quit(qts);
}

static void test_system_powerdown(void)
{
    QTestState *qts = qtest_init("-M virt");
    JsonObject *ev;

    json_object_unref(qtest_qmp(qts, "{\"execute\": \"system_powerdown\"}"));
    ev = qtest_qmp_eventwait(qts, "POWERDOWN");
    g_assert_false(json_object_has_member(ev, "data"));
    event_unref(ev, "POWERDOWN");
    qtest_quit(qts);
}

static void test_quit(void)
{
    QTestState *qts = qtest_init("-M virt");
    JsonObject *reply = qtest_qmp(qts, "{\"execute\": \"quit\", \"id\": 1}");
    JsonObject *ev, *data;
    int status;

    g_assert_cmpuint(json_object_get_size(return_object(reply)), ==, 0);
    g_assert_cmpint(json_object_get_int_member(reply, "id"), ==, 1);
    json_object_unref(reply);
    ev = qtest_qmp_eventwait(qts, "SHUTDOWN");
    data = json_object_get_object_member(ev, "data");
    g_assert_false(json_object_get_boolean_member(data, "guest"));
    g_assert_cmpstr(json_object_get_string_member(data, "reason"), ==,
                    "host-qmp-quit");
    event_unref(ev, "SHUTDOWN");
    status = qtest_wait_exit(qts);
    g_assert_true(WIFEXITED(status));
    g_assert_cmpint(WEXITSTATUS(status), ==, 0);
}

static void test_errors(void)
{
    QTestState *qts = qtest_init("-M virt");
    JsonObject *reply;

    assert_error(qtest_qmp(qts, "{\"execute\": \"no-such-command\"}"),
                 "CommandNotFound",
                 "The command no-such-command has not been found");
    assert_error(qtest_qmp(qts,
                           "{\"execute\": \"query-status\", \"arguments\": "
                           "{\"a\": 1}}"),
                 "GenericError", "Parameter 'a' is unexpected");
    assert_error(qtest_qmp(qts, "{\"execute\": \"human-monitor-command\", "
                                "\"arguments\": {}}"),
                 "GenericError", "Parameter 'command-line' is missing");
    assert_error(qtest_qmp(qts, "{\"execute\": \"human-monitor-command\", "
                                "\"arguments\": {\"command-line\": 1}}"),
                 "GenericError",
                 "Invalid parameter type for 'command-line', expected: "
                 "string");
    assert_error(qtest_qmp(qts,
                           "{\"execute\": \"human-monitor-command\", "
                           "\"arguments\": {\"command-line\": \"info status\", "
                           "\"cpu-index\": \"0\"}}"),
                 "GenericError",
                 "Invalid parameter type for 'cpu-index', expected: integer");
    assert_error(qtest_qmp(qts,
                           "{\"execute\": \"human-monitor-command\", "
                           "\"arguments\": {\"command-line\": \"info status\", "
                           "\"cpu-index\": 99}}"),
                 "GenericError", "Parameter 'cpu-index' expects a CPU number");
    assert_error(qtest_qmp(qts, "{\"execute\": \"query-status\", "
                                "\"arguments\": 1}"),
                 "GenericError",
                 "QMP input member 'arguments' must be an object");
    assert_error(qtest_qmp(qts, "{\"execute\": 1}"), "GenericError",
                 "QMP input member 'execute' must be a string");
    assert_error(qtest_qmp(qts, "{\"arguments\": {}}"), "GenericError",
                 "QMP input lacks member 'execute'");
    assert_error(qtest_qmp(qts, "{\"execute\": \"query-status\", "
                                "\"foo\": 1}"),
                 "GenericError", "QMP input member 'foo' is unexpected");
    assert_error(qtest_qmp(qts, "[]"), "GenericError",
                 "QMP input must be a JSON object");

    /* The id comes back with errors too, whatever its type. */
    reply = qtest_qmp(qts, "{\"execute\": \"nope\", \"id\": [1, {\"a\": "
                           "\"b\"}]}");
    g_assert_cmpstr(qmp_error_class(reply), ==, "CommandNotFound");
    g_assert_cmpuint(
        json_array_get_length(json_object_get_array_member(reply, "id")), ==,
        2);
    json_object_unref(reply);

    /* Still usable. */
    reply = qtest_qmp(qts, "{\"execute\": \"query-name\"}");
    g_assert(!qmp_has_error(reply));
    json_object_unref(reply);
    qtest_quit(qts);
}

/*
 * \u escapes: a surrogate must be a high one followed at once by a low
 * one (RFC 8259 section 7); anything else is an error naming the code
 * unit, as QEMU's parser words it. A proper pair comes back as one
 * character.
 */
static void test_string_escapes(void)
{
    static const char *const bad[][2] = {
        { "\\udc00", "\\udc00" },        { "\\ud800", "\\ud800" },
        { "\\ud800x", "\\ud800" },       { "\\ud800\\u0041", "\\ud800" },
        { "\\ud800\\ud800", "\\ud800" },
    };
    QTestState *qts = qtest_init("-M virt");
    JsonObject *reply;

    for (size_t i = 0; i < G_N_ELEMENTS(bad); i++) {
        g_autofree char *desc = g_strdup_printf(
            "JSON parse error, %s is not a valid Unicode character", bad[i][1]);

        assert_error(qtest_qmp(qts,
                               "{\"execute\": \"query-name\", "
                               "\"id\": \"a%sb\"}",
                               bad[i][0]),
                     "GenericError", desc);
    }
    reply = qtest_qmp(qts, "{\"execute\": \"query-name\", "
                           "\"id\": \"\\ud83d\\ude00\\u00e9\"}");
    g_assert_cmpstr(json_object_get_string_member(reply, "id"), ==,
                    "\xf0\x9f\x98\x80\xc3\xa9");
    json_object_unref(reply);
    qtest_quit(qts);
}

static void test_hmp(void)
{
    QTestState *qts = qtest_init("-M virt -name hmp-guest");
    g_autofree char *qtree = qtest_hmp(qts, "info qtree");
    g_autofree char *name = qtest_hmp(qts, "info name");
    g_autofree char *unknown = qtest_hmp(qts, "foo bar");
    g_autofree char *unknown_info = qtest_hmp(qts, "info foo");
    g_autofree char *version = qtest_hmp(qts, "info version");
    g_autofree char *chardev = qtest_hmp(qts, "info chardev");
    g_autofree char *mtree = qtest_hmp(qts, "info mtree");
    g_autofree char *empty = qtest_hmp(qts, "%s", "");
    g_autofree char *extra = NULL;
    g_autofree char *status = NULL;
    g_autofree char *stop = NULL;

    g_assert_true(g_str_has_prefix(qtree, "bus: main-system-bus\r\n"
                                          "  type System\r\n"));
    g_assert_nonnull(strstr(qtree, "  dev: riscv.sifive.plic, id \"\"\r\n"));
    g_assert_nonnull(strstr(qtree, "    gpio-in \"\" 96\r\n"));
    g_assert_nonnull(strstr(qtree, "    num-sources = 96 (0x60)\r\n"));
    g_assert_nonnull(
        strstr(qtree, "    mmio 000000000c000000/0000000000600000\r\n"));
    g_assert_nonnull(strstr(qtree, "  dev: riscv.aclint.swi, id \"\"\r\n"));
    g_assert_nonnull(strstr(qtree, "  dev: goldfish_rtc, id \"\"\r\n"));
    g_assert_nonnull(strstr(qtree, "    gpio-out \"sysbus-irq\" 1\r\n"));
    g_assert_cmpstr(name, ==, "hmp-guest\r\n");
    g_assert_cmpstr(unknown, ==, "unknown command: 'foo'\r\n");
    g_assert_cmpstr(unknown_info, ==, "unknown command: 'info foo'\r\n");
    g_assert_true(g_str_has_suffix(version, "\r\n"));
    g_assert_cmpuint(strlen(version), >, 2);
    g_assert_nonnull(strstr(chardev, "qtest-qmp: filename="));
    g_assert_true(g_str_has_prefix(mtree, "address-space: "));
    g_assert_nonnull(strstr(mtree, "address-space: memory\r\n"));
    g_assert_nonnull(strstr(mtree,
                            "000000000c000000-000000000c5fffff (prio 0, i/o): "
                            "riscv.sifive.plic\r\n"));
    g_assert_cmpstr(empty, ==, "");

    /* HMP stop/cont act on the VM and raise the same events as QMP. */
    ensure_running(qts);
    status = qtest_hmp(qts, "info status");
    g_assert_cmpstr(status, ==, "VM status: running\r\n");
    stop = qtest_hmp(qts, "stop");
    g_assert_cmpstr(stop, ==, "");
    event_unref(qtest_qmp_eventwait(qts, "STOP"), "STOP");
    g_free(status);
    status = qtest_hmp(qts, "info status");
    g_assert_cmpstr(status, ==, "VM status: paused\r\n");
    extra = qtest_hmp(qts, "cont now");
    g_assert_cmpstr(extra, ==,
                    "cont|c: extraneous characters at the end of line\r\n"
                    "Try \"help cont\" for more information\r\n");
    g_free(status);
    status = qtest_hmp(qts, "c");
    g_assert_cmpstr(status, ==, "");
    event_unref(qtest_qmp_eventwait(qts, "RESUME"), "RESUME");
    g_assert_true(vm_running(qts));
    qtest_quit(qts);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    qtest_add_func("/qmp/greeting-and-negotiation",
                   test_greeting_and_negotiation);
    qtest_add_func("/qmp/query-status", test_query_status);
    qtest_add_func("/qmp/query-version", test_query_version);
    qtest_add_func("/qmp/query-name", test_query_name);
    qtest_add_func("/qmp/query-commands", test_query_commands);
    qtest_add_func("/qmp/query-machines", test_query_machines);
    qtest_add_func("/qmp/query-cpus-fast", test_query_cpus_fast);
    qtest_add_func("/qmp/stop-cont", test_stop_cont);
    qtest_add_func("/qmp/system_reset", test_system_reset);
    qtest_add_func("/qmp/system_powerdown", test_system_powerdown);
    qtest_add_func("/qmp/quit", test_quit);
    qtest_add_func("/qmp/errors", test_errors);
    qtest_add_func("/qmp/hmp", test_hmp);
    qtest_add_func("/qmp/string-escapes", test_string_escapes);
    return g_test_run();
}
