/*
 * QMP input that is not a well-formed request: each bad value gets exactly
 * one error reply, and the next valid command on the same connection works.
 * Also values split across writes and several values in one write.
 */
#include "libqtest.h"

/* The next non-event message. */
static JsonObject *receive_reply(QTestState *qts)
{
    for (;;) {
        JsonObject *msg = qtest_qmp_receive(qts);

        if (!json_object_has_member(msg, "event")) {
            return msg;
        }
        json_object_unref(msg);
    }
}

/* The next reply is an error whose desc starts with prefix, and no id. */
static void expect_error(QTestState *qts, const char *prefix)
{
    JsonObject *reply = receive_reply(qts);
    JsonObject *err;
    const char *desc;

    g_assert_cmpstr(qmp_error_class(reply), ==, "GenericError");
    g_assert_false(json_object_has_member(reply, "id"));
    err = json_object_get_object_member(reply, "error");
    desc = json_object_get_string_member(err, "desc");
    if (!g_str_has_prefix(desc, prefix)) {
        g_error("expected an error starting \"%s\", got \"%s\"", prefix, desc);
    }
    json_object_unref(reply);
}

/*
 * The connection still works: the very next reply belongs to this command
 * (so the bad input produced no further replies).
 */
static void expect_usable(QTestState *qts, int id)
{
    JsonObject *reply =
        qtest_qmp(qts, "{\"execute\": \"query-status\", \"id\": %d}", id);

    g_assert_false(qmp_has_error(reply));
    g_assert_cmpint(json_object_get_int_member(reply, "id"), ==, id);
    json_object_unref(reply);
}

static void send_bad(QTestState *qts, const char *text, const char *prefix,
                     int id)
{
    qtest_qmp_send_raw(qts, text);
    expect_error(qts, prefix);
    expect_usable(qts, id);
}

static void test_syntax_errors(void)
{
    QTestState *qts = qtest_init("-M virt");

    send_bad(qts, "{\"execute\": }\n", "JSON parse error, ", 1);
    send_bad(qts, "{bad\n}\n", "JSON parse error, ", 2);
    send_bad(qts, "{\"execute\": \"query-status\",}\n", "JSON parse error, ",
             3);
    send_bad(qts, "[1, 2}\n", "JSON parse error, ", 4);
    send_bad(qts, "nonsense\n", "JSON parse error, ", 5);
    send_bad(qts, "{\"execute\": \"query-\xff\"}\n", "JSON parse error, ", 6);
    qtest_quit(qts);
}

static void test_stray_closers(void)
{
    QTestState *qts = qtest_init("-M virt");

    send_bad(qts, "}\n", "JSON parse error, expecting value", 1);
    send_bad(qts, "]", "JSON parse error, expecting value", 2);
    send_bad(qts, " , ", "JSON parse error, expecting value", 3);
    /* A stray closer right before a command on the same line. */
    qtest_qmp_send_raw(qts, "}{\"execute\": \"query-name\", \"id\": 4}\n");
    expect_error(qts, "JSON parse error, expecting value");
    {
        JsonObject *reply = receive_reply(qts);

        g_assert_false(qmp_has_error(reply));
        g_assert_cmpint(json_object_get_int_member(reply, "id"), ==, 4);
        json_object_unref(reply);
    }
    expect_usable(qts, 5);
    qtest_quit(qts);
}

static void test_non_objects(void)
{
    QTestState *qts = qtest_init("-M virt");

    send_bad(qts, "[1, 2]\n", "QMP input must be a JSON object", 1);
    send_bad(qts, "\"a string with } and {\"\n",
             "QMP input must be a JSON object", 2);
    send_bad(qts, "42\n", "QMP input must be a JSON object", 3);
    send_bad(qts, "null\n", "QMP input must be a JSON object", 4);
    qtest_quit(qts);
}

static void test_deep_nesting(void)
{
    QTestState *qts = qtest_init("-M virt");
    GString *deep = g_string_new(NULL);
    g_autofree char *ok_depth = NULL;
    JsonObject *reply;

    /* Far past the limit: one error for the whole value. */
    for (int i = 0; i < 100000; i++) {
        g_string_append_c(deep, '[');
    }
    for (int i = 0; i < 100000; i++) {
        g_string_append_c(deep, ']');
    }
    g_string_append_c(deep, '\n');
    send_bad(qts, deep->str, "JSON nesting depth limit exceeded", 1);

    /* Inside an object, with strings holding brackets along the way. */
    g_string_assign(deep, "{\"execute\": \"query-status\", \"id\": ");
    for (int i = 0; i < 2000; i++) {
        g_string_append(deep, "{\"]\": ");
    }
    g_string_append(deep, "0");
    for (int i = 0; i < 2000; i++) {
        g_string_append_c(deep, '}');
    }
    g_string_append(deep, "}\n");
    send_bad(qts, deep->str, "JSON nesting depth limit exceeded", 2);

    /* Deep but within the limit is fine, and the id comes back whole. */
    g_string_assign(deep, "{\"execute\": \"query-name\", \"id\": ");
    for (int i = 0; i < 500; i++) {
        g_string_append_c(deep, '[');
    }
    for (int i = 0; i < 500; i++) {
        g_string_append_c(deep, ']');
    }
    g_string_append_c(deep, '}');
    reply = qtest_qmp(qts, "%s", deep->str);
    g_assert_false(qmp_has_error(reply));
    g_assert_cmpuint(
        json_array_get_length(json_object_get_array_member(reply, "id")), ==,
        1);
    json_object_unref(reply);
    g_string_free(deep, TRUE);
    expect_usable(qts, 3);
    qtest_quit(qts);
}

/*
 * U+0000 cannot live in the emulator's C strings: refused, not cut short
 * (QEMU 7.2 keeps it; ours only).
 */
static void test_nul_escape(void)
{
    QTestState *qts = qtest_init("-M virt");

    send_bad(qts, "{\"execute\": \"query-name\", \"id\": \"a\\u0000b\"}\n",
             "JSON parse error, \\u0000 is not supported in strings", 1);
    send_bad(qts,
             "{\"execute\": \"query-name\", \"arguments\": "
             "{\"\\u0000\": 1}}\n",
             "JSON parse error, \\u0000 is not supported in strings", 2);
    qtest_quit(qts);
}

/* query-status with one argument "x": an array of n empty arrays. */
static char *many_arrays(size_t n)
{
    GString *s = g_string_new("{\"execute\": \"query-status\", \"arguments\": "
                              "{\"x\": [");

    for (size_t i = 0; i < n; i++) {
        g_string_append(s, "[],");
    }
    g_string_append(s, "[]]}}\n");
    return g_string_free(s, FALSE);
}

/*
 * A value of many tiny tokens: past 2^21 tokens it is refused at once
 * (one error, the rest skipped) instead of costing gigabytes and minutes
 * in the parser; below the limit it is parsed as usual.
 */
static void test_token_limit(void)
{
    QTestState *qts = qtest_init("-M virt");
    g_autofree char *over = many_arrays(700000); /* 2.1 M tokens */
    g_autofree char *under = many_arrays(30000); /* 90 k tokens */
    JsonObject *reply;

    send_bad(qts, over, "JSON token count limit exceeded", 1);
    qtest_qmp_send_raw(qts, under);
    reply = receive_reply(qts);
    g_assert_cmpstr(qmp_error_class(reply), ==, "GenericError");
    g_assert_cmpstr(json_object_get_string_member(
                        json_object_get_object_member(reply, "error"), "desc"),
                    ==, "Parameter 'x' is unexpected");
    json_object_unref(reply);
    expect_usable(qts, 2);
    qtest_quit(qts);
}

static void test_big_string(void)
{
    QTestState *qts = qtest_init("-M virt");
    size_t len = 1 << 20;
    g_autofree char *big = g_malloc(len + 1);
    g_autofree char *cmd = NULL;
    JsonObject *reply;

    memset(big, 'x', len);
    big[len] = 0;
    big[10] = '{';
    big[20] = '}';

    /* As an id: echoed back intact. */
    cmd = g_strdup_printf("{\"execute\": \"query-name\", \"id\": \"%s\"}", big);
    reply = qtest_qmp(qts, "%s", cmd);
    g_assert_false(qmp_has_error(reply));
    g_assert_cmpstr(json_object_get_string_member(reply, "id"), ==, big);
    json_object_unref(reply);

    /* As a command name: not found, but answered. */
    g_free(cmd);
    cmd = g_strdup_printf("{\"execute\": \"%s\"}", big);
    reply = qtest_qmp(qts, "%s", cmd);
    g_assert_cmpstr(qmp_error_class(reply), ==, "CommandNotFound");
    json_object_unref(reply);

    /* As an HMP command line: the error names it. */
    g_free(cmd);
    cmd = g_strdup_printf("{\"execute\": \"human-monitor-command\", "
                          "\"arguments\": {\"command-line\": \"%s\"}}",
                          big);
    reply = qtest_qmp(qts, "%s", cmd);
    g_assert_true(g_str_has_prefix(
        json_object_get_string_member(reply, "return"), "unknown command: "));
    json_object_unref(reply);
    expect_usable(qts, 1);
    qtest_quit(qts);
}

static void test_split_and_batched(void)
{
    QTestState *qts = qtest_init("-M virt");
    JsonObject *reply;

    /* One command in pieces, cut inside a string and after an escape. */
    qtest_qmp_send_raw(qts, "{\"execute\": \"query-na");
    g_usleep(50000);
    qtest_qmp_send_raw(qts, "me\", \"id\": \"a\\");
    g_usleep(50000);
    qtest_qmp_send_raw(qts, "\"}{\"}\n");
    reply = receive_reply(qts);
    g_assert_false(qmp_has_error(reply));
    g_assert_cmpstr(json_object_get_string_member(reply, "id"), ==, "a\"}{");
    json_object_unref(reply);

    /* Three values in one write, no separators: three replies in order. */
    qtest_qmp_send_raw(qts, "{\"execute\": \"query-name\", \"id\": 1}"
                            "[]"
                            "{\"execute\": \"query-status\", \"id\": 2}\n");
    reply = receive_reply(qts);
    g_assert_cmpint(json_object_get_int_member(reply, "id"), ==, 1);
    json_object_unref(reply);
    expect_error(qts, "QMP input must be a JSON object");
    reply = receive_reply(qts);
    g_assert_cmpint(json_object_get_int_member(reply, "id"), ==, 2);
    json_object_unref(reply);

    /* Non-ASCII and control characters survive the round trip. */
    reply = qtest_qmp(qts, "{\"execute\": \"query-name\", \"id\": "
                           "\"\xc3\xa9\\u0001\\ud83d\\ude00\\t/\"}");
    g_assert_cmpstr(json_object_get_string_member(reply, "id"), ==,
                    "\xc3\xa9\x01\xf0\x9f\x98\x80\t/");
    json_object_unref(reply);
    qtest_quit(qts);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    qtest_add_func("/qmp-malformed/syntax-errors", test_syntax_errors);
    qtest_add_func("/qmp-malformed/stray-closers", test_stray_closers);
    qtest_add_func("/qmp-malformed/non-objects", test_non_objects);
    qtest_add_func("/qmp-malformed/deep-nesting", test_deep_nesting);
    qtest_add_func("/qmp-malformed/big-string", test_big_string);
    qtest_add_func("/qmp-malformed/nul-escape", test_nul_escape);
    qtest_add_func("/qmp-malformed/token-limit", test_token_limit);
    qtest_add_func("/qmp-malformed/split-and-batched", test_split_and_batched);
    return g_test_run();
}
