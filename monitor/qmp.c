/*
 * QMP, the JSON monitor protocol, on a chardev.
 *
 * Bytes from the chardev go through a splitter that cuts the stream into
 * top-level JSON values; each value is parsed with json-glib, its shape is
 * checked ("execute", "arguments", "id"), and the command is looked up in
 * the table of qmp-cmds.c, which also declares each command's arguments.
 * Replies and events are written the way QEMU writes them: ": " and ", "
 * separators, members in a fixed order, \uXXXX for anything not ASCII,
 * and "\r\n" after each message.
 *
 * A session starts when the chardev opens (the greeting is sent), accepts
 * only qmp_capabilities until negotiation, and ends when the chardev
 * closes; the next client gets a fresh greeting and must negotiate again.
 */
#include "qemu/osdep.h"
#include <math.h>
#include "monitor/monitor.h"
#include "monitor/qmp-cmds.h"

/*
 * Limits on one input value; beyond them the value is reported and dropped
 * (docs/hostile-input.md). Tokens are brackets, braces, ',', ':', strings,
 * numbers and literals: a value of many tiny tokens costs far more memory and
 * time to parse than its size suggests.
 */
#define JSON_MAX_NESTING    1024
#define JSON_MAX_VALUE_SIZE (64 * MiB)
#define JSON_MAX_TOKENS     (2 * 1024 * 1024)

/* What json_splitter_feed() stopped on. */
typedef enum {
    SPLIT_MORE,  /* input used up, no value complete yet */
    SPLIT_VALUE, /* a complete top-level value is in buf */
    SPLIT_ERROR, /* a broken value; the rest of it will be skipped */
} SplitStatus;

/*
 * Finds where each top-level JSON value ends, across reads. It tracks
 * only strings (with their escapes) and bracket depth; everything else
 * is json-glib's to judge once the value is complete.
 *
 * Recovery: a stray closing bracket, ',' or ':' between values is one
 * error and is dropped. A value nested too deep or too large is one error;
 * its remaining bytes are skipped (still tracking strings and depth) until
 * its depth returns to zero, and the next value is read normally.
 */
typedef struct JsonSplitter {
    GString *buf;   /* the value being collected */
    unsigned depth; /* open '[' and '{' */
    bool in_string;
    bool escape;      /* the previous byte in the string was a backslash */
    bool in_word;     /* a top-level number or literal (true, null, ...) */
    bool skipping;    /* dropping the rest of a value after an error */
    bool nested_word; /* inside a number or literal within a value */
    unsigned tokens;  /* tokens of the value so far */
    /* A \uXXXX escape being read: digits still expected and the value. */
    unsigned hex_left, code_unit;
    unsigned high; /* a high surrogate that needs its low half, or 0 */
    char msg[80];  /* an error message naming a code unit */
} JsonSplitter;

typedef struct MonitorQMP {
    CharBackend be;
    bool pretty;
    bool opened;      /* greeting sent, the session is live */
    bool negotiated;  /* qmp_capabilities done: commands accepted */
    bool oob;         /* the client enabled the "oob" capability */
    unsigned session; /* bumped when a session ends */
    JsonSplitter splitter;
} MonitorQMP;

static GPtrArray *qmp_monitors;

/* The splitter */

static void json_splitter_reset(JsonSplitter *s)
{
    g_string_truncate(s->buf, 0);
    s->depth = 0;
    s->in_string = false;
    s->escape = false;
    s->in_word = false;
    s->skipping = false;
    s->nested_word = false;
    s->tokens = 0;
    s->hex_left = s->code_unit = s->high = 0;
}

static bool json_is_word_end(char c)
{
    return c != '\0' && strchr(" \t\r\n{}[]\",:", c) != NULL;
}

/* Start skipping the current value after an error. */
static SplitStatus json_splitter_fail(JsonSplitter *s, const char *msg,
                                      const char **error)
{
    g_string_truncate(s->buf, 0);
    s->skipping = true;
    s->hex_left = s->high = 0;
    *error = msg;
    return SPLIT_ERROR;
}

static const char *json_bad_code_unit(JsonSplitter *s, unsigned u)
{
    g_snprintf(s->msg, sizeof(s->msg),
               "JSON parse error, \\u%04x is not a valid Unicode character", u);
    return s->msg;
}

/*
 * A \uXXXX escape ended with code unit u: NULL if fine so far, else the
 * error. Strings are C strings inside the emulator, so U+0000 cannot be
 * kept and is refused rather than cut short; a surrogate must be a high
 * one followed at once by a low one (RFC 8259 section 7), as QEMU checks.
 */
static const char *json_check_code_unit(JsonSplitter *s, unsigned u)
{
    if (s->high && (u < 0xdc00 || u > 0xdfff)) {
        return json_bad_code_unit(s, s->high);
    }
    if (u >= 0xdc00 && u <= 0xdfff) {
        if (!s->high) {
            return json_bad_code_unit(s, u);
        }
        s->high = 0;
    } else if (u >= 0xd800 && u <= 0xdbff) {
        s->high = u;
    } else if (u == 0) {
        return "JSON parse error, \\u0000 is not supported in strings";
    }
    return NULL;
}

/* One byte of a string (after the opening quote); NULL or an error. */
static const char *json_string_byte(JsonSplitter *s, char c)
{
    if (s->hex_left) {
        if (!g_ascii_isxdigit(c)) {
            return "JSON parse error, invalid escape sequence in string";
        }
        s->code_unit = s->code_unit * 16 + g_ascii_xdigit_value(c);
        return --s->hex_left ? NULL : json_check_code_unit(s, s->code_unit);
    }
    if (s->escape) {
        s->escape = false;
        if (!strchr("\"\\/bfnrtu", c)) {
            return "JSON parse error, invalid escape sequence in string";
        }
        if (c == 'u') {
            s->hex_left = 4;
            s->code_unit = 0;
            return NULL;
        }
    } else if (c == '\\') {
        s->escape = true;
        return NULL;
    } else if (c == '"') {
        s->in_string = false;
    } else if ((uint8_t)c < 0x20) {
        return "JSON parse error, control character in string";
    }
    /* Anything but the \u of a low half ends a pending high surrogate. */
    return s->high ? json_bad_code_unit(s, s->high) : NULL;
}

/*
 * Count the token c starts, if any, inside a value (outside strings);
 * false once the value has too many.
 */
static bool json_count_token(JsonSplitter *s, char c)
{
    if (strchr(" \t\r\n", c)) {
        s->nested_word = false;
        return true;
    }
    if (strchr("{}[],:\"", c)) {
        s->nested_word = false;
    } else if (s->nested_word) {
        return true; /* the rest of a number or literal */
    } else {
        s->nested_word = true;
    }
    return ++s->tokens <= JSON_MAX_TOKENS;
}

/*
 * Consume bytes until a value completes, an error is found or the input
 * ends; returns how many bytes were used. On SPLIT_VALUE the value is in
 * s->buf until the next call; on SPLIT_ERROR *error says what was wrong.
 */
static size_t json_splitter_feed(JsonSplitter *s, const uint8_t *p, size_t len,
                                 SplitStatus *status, const char **error)
{
    size_t i = 0;

    *status = SPLIT_MORE;
    while (i < len) {
        char c = p[i];

        if (s->in_word) {
            if (json_is_word_end(c)) {
                /* The delimiter is not consumed: it starts what follows. */
                s->in_word = false;
                if (s->skipping) {
                    s->skipping = false;
                    continue;
                }
                *status = SPLIT_VALUE;
                return i;
            }
            i++;
        } else if (s->in_string) {
            const char *bad;

            i++;
            if (s->skipping) {
                /* Only where the string ends matters now. */
                if (s->escape) {
                    s->escape = false;
                } else if (c == '\\') {
                    s->escape = true;
                } else if (c == '"') {
                    s->in_string = false;
                }
            } else if ((bad = json_string_byte(s, c))) {
                *status = json_splitter_fail(s, bad, error);
                return i;
            }
        } else if (s->depth == 0) {
            i++;
            switch (c) {
            case ' ':
            case '\t':
            case '\r':
            case '\n':
                continue;
            case '}':
            case ']':
            case ',':
            case ':':
                *status = SPLIT_ERROR;
                *error = "JSON parse error, expecting value";
                return i;
            case '{':
            case '[':
                s->depth = 1;
                break;
            case '"':
                s->in_string = true;
                break;
            default:
                s->in_word = true;
                break;
            }
            g_string_truncate(s->buf, 0);
            /* A value that failed on its very last byte is over, too. */
            s->skipping = false;
            s->tokens = 1;
            s->nested_word = false;
        } else {
            i++;
            switch (c) {
            case '"':
                s->in_string = true;
                break;
            case '{':
            case '[':
                s->depth++;
                if (s->depth > JSON_MAX_NESTING && !s->skipping) {
                    *status = json_splitter_fail(
                        s, "JSON nesting depth limit exceeded", error);
                    return i;
                }
                break;
            case '}':
            case ']':
                s->depth--;
                break;
            }
            /* After the depth change: skipping needs it right. */
            if (!json_count_token(s, c) && !s->skipping) {
                *status = json_splitter_fail(
                    s, "JSON token count limit exceeded", error);
                return i;
            }
        }

        if (s->skipping) {
            if (s->depth == 0 && !s->in_string && !s->in_word) {
                s->skipping = false;
            }
            continue;
        }
        g_string_append_c(s->buf, c);
        if (s->depth == 0 && !s->in_string && !s->in_word) {
            *status = SPLIT_VALUE;
            return i;
        }
        if (s->buf->len > JSON_MAX_VALUE_SIZE) {
            *status =
                json_splitter_fail(s, "JSON value size limit exceeded", error);
            return i;
        }
    }
    return i;
}

/* Writing JSON the way QEMU does */

static void json_append_string(GString *out, const char *s)
{
    g_string_append_c(out, '"');
    while (*s) {
        gunichar ch = g_utf8_get_char_validated(s, -1);

        if (ch == (gunichar)-1 || ch == (gunichar)-2) {
            ch = 0xfffd; /* not UTF-8: one replacement per bad byte */
            s++;
        } else {
            s = g_utf8_next_char(s);
        }
        switch (ch) {
        case '"':
            g_string_append(out, "\\\"");
            break;
        case '\\':
            g_string_append(out, "\\\\");
            break;
        case '\b':
            g_string_append(out, "\\b");
            break;
        case '\f':
            g_string_append(out, "\\f");
            break;
        case '\n':
            g_string_append(out, "\\n");
            break;
        case '\r':
            g_string_append(out, "\\r");
            break;
        case '\t':
            g_string_append(out, "\\t");
            break;
        default:
            if (ch >= 0x20 && ch < 0x7f) {
                g_string_append_c(out, ch);
            } else if (ch < 0x10000) {
                g_string_append_printf(out, "\\u%04X", ch);
            } else {
                ch -= 0x10000;
                g_string_append_printf(out, "\\u%04X\\u%04X",
                                       0xd800 + (ch >> 10),
                                       0xdc00 + (ch & 0x3ff));
            }
            break;
        }
    }
    g_string_append_c(out, '"');
}

static void json_append_value(GString *out, JsonNode *node)
{
    char num[G_ASCII_DTOSTR_BUF_SIZE];

    switch (json_node_get_value_type(node)) {
    case G_TYPE_INT64:
        g_string_append_printf(out, "%" PRId64, json_node_get_int(node));
        break;
    case G_TYPE_DOUBLE:
        if (!isfinite(json_node_get_double(node))) {
            g_string_append(out, "null"); /* JSON has no infinities */
            break;
        }
        g_string_append(out, g_ascii_formatd(num, sizeof(num), "%.17g",
                                             json_node_get_double(node)));
        break;
    case G_TYPE_BOOLEAN:
        g_string_append(out, json_node_get_boolean(node) ? "true" : "false");
        break;
    case G_TYPE_STRING:
        json_append_string(out, json_node_get_string(node));
        break;
    default:
        g_string_append(out, "null");
        break;
    }
}

/* Between members: ", " compact, or a new line indented by indent. */
static void json_append_separator(GString *out, bool first, bool pretty,
                                  int indent)
{
    if (!first) {
        g_string_append_c(out, ',');
    }
    if (pretty) {
        g_string_append_printf(out, "\r\n%*s", indent, "");
    } else if (!first) {
        g_string_append_c(out, ' ');
    }
}

static void json_append_node(GString *out, JsonNode *node, bool pretty,
                             int indent)
{
    switch (json_node_get_node_type(node)) {
    case JSON_NODE_OBJECT: {
        JsonObject *obj = json_node_get_object(node);
        GList *members = json_object_get_members(obj);

        g_string_append_c(out, '{');
        for (GList *l = members; l; l = l->next) {
            json_append_separator(out, l == members, pretty, indent + 4);
            json_append_string(out, l->data);
            g_string_append(out, ": ");
            json_append_node(out, json_object_get_member(obj, l->data), pretty,
                             indent + 4);
        }
        if (pretty) {
            g_string_append_printf(out, "\r\n%*s", indent, "");
        }
        g_string_append_c(out, '}');
        g_list_free(members);
        break;
    }
    case JSON_NODE_ARRAY: {
        JsonArray *arr = json_node_get_array(node);
        guint n = json_array_get_length(arr);

        g_string_append_c(out, '[');
        for (guint i = 0; i < n; i++) {
            json_append_separator(out, i == 0, pretty, indent + 4);
            json_append_node(out, json_array_get_element(arr, i), pretty,
                             indent + 4);
        }
        if (pretty) {
            g_string_append_printf(out, "\r\n%*s", indent, "");
        }
        g_string_append_c(out, ']');
        break;
    }
    case JSON_NODE_VALUE:
        json_append_value(out, node);
        break;
    case JSON_NODE_NULL:
        g_string_append(out, "null");
        break;
    }
}

/* Sending */

static void qmp_send(MonitorQMP *mon, JsonObject *msg)
{
    g_autoptr(JsonNode) node = json_node_new(JSON_NODE_OBJECT);
    g_autoptr(GString) out = g_string_new(NULL);

    json_node_set_object(node, msg);
    json_append_node(out, node, mon->pretty, 0);
    g_string_append(out, "\r\n");
    qemu_chr_fe_write_all(&mon->be, (const uint8_t *)out->str, out->len);
}

/* {"id": ID, "error": {"class": ..., "desc": ...}}; frees err. */
static void qmp_send_error(MonitorQMP *mon, JsonNode *id, GError *err)
{
    g_autoptr(JsonObject) msg = json_object_new();
    JsonObject *error = json_object_new();

    if (id) {
        json_object_set_member(msg, "id", json_node_copy(id));
    }
    json_object_set_string_member(
        error, "class",
        qemu_error_class_name(err->domain == QEMU_ERROR ? err->code
                                                        : QEMU_ERROR_GENERIC));
    json_object_set_string_member(error, "desc", err->message);
    json_object_set_object_member(msg, "error", error);
    qmp_send(mon, msg);
    g_error_free(err);
}

/* {"return": RET, "id": ID}; takes ret. */
static void qmp_send_return(MonitorQMP *mon, JsonNode *id, JsonNode *ret)
{
    g_autoptr(JsonObject) msg = json_object_new();

    json_object_set_member(msg, "return", ret);
    if (id) {
        json_object_set_member(msg, "id", json_node_copy(id));
    }
    qmp_send(mon, msg);
}

void qmp_event_send(const char *name, JsonObject *data)
{
    g_autoptr(JsonObject) event = json_object_new();
    JsonObject *timestamp = json_object_new();
    gint64 now = g_get_real_time();

    json_object_set_int_member(timestamp, "seconds", now / G_USEC_PER_SEC);
    json_object_set_int_member(timestamp, "microseconds", now % G_USEC_PER_SEC);
    json_object_set_object_member(event, "timestamp", timestamp);
    json_object_set_string_member(event, "event", name);
    if (data) {
        json_object_set_object_member(event, "data", data);
    }
    for (guint i = 0; qmp_monitors && i < qmp_monitors->len; i++) {
        MonitorQMP *mon = qmp_monitors->pdata[i];

        if (mon->opened && mon->negotiated) {
            qmp_send(mon, event);
        }
    }
}

/* Dispatching */

static bool json_node_is_string(JsonNode *node)
{
    return JSON_NODE_HOLDS_VALUE(node) &&
           json_node_get_value_type(node) == G_TYPE_STRING;
}

static bool qmp_arg_type_ok(JsonNode *node, QmpArgType type)
{
    switch (type) {
    case QMP_ARG_STRING:
        return json_node_is_string(node);
    case QMP_ARG_INT:
        return JSON_NODE_HOLDS_VALUE(node) &&
               json_node_get_value_type(node) == G_TYPE_INT64;
    case QMP_ARG_BOOL:
        return JSON_NODE_HOLDS_VALUE(node) &&
               json_node_get_value_type(node) == G_TYPE_BOOLEAN;
    case QMP_ARG_ARRAY:
        return JSON_NODE_HOLDS_ARRAY(node);
    case QMP_ARG_OBJECT:
        return JSON_NODE_HOLDS_OBJECT(node);
    case QMP_ARG_NUMBER:
        return JSON_NODE_HOLDS_VALUE(node) &&
               (json_node_get_value_type(node) == G_TYPE_INT64 ||
                json_node_get_value_type(node) == G_TYPE_DOUBLE);
    case QMP_ARG_ANY:
        return true;
    }
    return false;
}

static bool qmp_enum_ok(const QmpArg *a, JsonNode *v, GError **errp)
{
    const char *s = json_node_get_string(v);

    for (const char *const *e = a->enum_values; e && *e; e++) {
        if (!strcmp(*e, s)) {
            return true;
        }
    }
    error_setg(errp, "Parameter '%s' does not accept value '%s'", a->name, s);
    return false;
}

/* Check args against the command's declaration: declared ones first. */
static bool qmp_check_args(const QmpCommand *cmd, JsonObject *args,
                           GError **errp)
{
    g_autoptr(GList) members = NULL;

    for (const QmpArg *a = cmd->args; a && a->name; a++) {
        JsonNode *v = json_object_get_member(args, a->name);

        if (!v) {
            if (!a->optional) {
                error_setg(errp, "Parameter '%s' is missing", a->name);
                return false;
            }
        } else if (!qmp_arg_type_ok(v, a->type)) {
            error_setg(errp, "Invalid parameter type for '%s', expected: %s",
                       a->name, qmp_arg_type_name(a->type));
            return false;
        } else if (a->enum_values && !qmp_enum_ok(a, v, errp)) {
            return false;
        }
    }
    members = json_object_get_members(args);
    for (GList *l = members; l; l = l->next) {
        const QmpArg *a = cmd->args;

        while (a && a->name && strcmp(a->name, l->data)) {
            a++;
        }
        if (!a || !a->name) {
            error_setg(errp, "Parameter '%s' is unexpected",
                       (const char *)l->data);
            return false;
        }
    }
    return true;
}

/*
 * Check the request's own members and find the command name, its
 * arguments (NULL if absent) and whether it came as exec-oob.
 */
static bool qmp_check_request(MonitorQMP *mon, JsonObject *req,
                              const char **name, JsonObject **args, bool *oob,
                              GError **errp)
{
    g_autoptr(GList) members = json_object_get_members(req);
    const char *execute = NULL, *exec_oob = NULL;

    *args = NULL;
    for (GList *l = members; l; l = l->next) {
        const char *key = l->data;
        JsonNode *v = json_object_get_member(req, key);
        bool is_oob = !strcmp(key, "exec-oob") && mon->oob;

        if (!strcmp(key, "execute") || is_oob) {
            if (!json_node_is_string(v)) {
                error_setg(errp, "QMP input member '%s' must be a string", key);
                return false;
            }
            *(is_oob ? &exec_oob : &execute) = json_node_get_string(v);
        } else if (!strcmp(key, "arguments")) {
            if (!JSON_NODE_HOLDS_OBJECT(v)) {
                error_setg(errp,
                           "QMP input member 'arguments' must be an object");
                return false;
            }
            *args = json_node_get_object(v);
        } else if (strcmp(key, "id")) {
            error_setg(errp, "QMP input member '%s' is unexpected", key);
            return false;
        }
    }
    if (execute && exec_oob) {
        error_setg(errp, "QMP input member 'execute' clashes with 'exec-oob'");
        return false;
    }
    if (!execute && !exec_oob) {
        error_setg(errp, "QMP input lacks member 'execute'");
        return false;
    }
    *name = execute ? execute : exec_oob;
    *oob = exec_oob != NULL;
    return true;
}

/* qmp_capabilities succeeded: the session accepts commands now. */
static void qmp_negotiated(MonitorQMP *mon, JsonObject *args)
{
    JsonArray *enable = json_object_has_member(args, "enable")
                            ? json_object_get_array_member(args, "enable")
                            : NULL;

    mon->negotiated = true;
    mon->oob = false;
    for (guint i = 0; enable && i < json_array_get_length(enable); i++) {
        if (!strcmp(json_array_get_string_element(enable, i), "oob")) {
            mon->oob = true;
        }
    }
}

static void qmp_dispatch(MonitorQMP *mon, JsonObject *req)
{
    JsonNode *id = json_object_get_member(req, "id");
    g_autoptr(JsonObject) no_args = json_object_new();
    const QmpCommand *cmd;
    const char *name;
    JsonObject *args;
    JsonNode *ret;
    GError *err = NULL;
    bool oob;
    bool is_caps;

    if (!qmp_check_request(mon, req, &name, &args, &oob, &err)) {
        goto fail;
    }
    if (!args) {
        args = no_args;
    }
    is_caps = !strcmp(name, "qmp_capabilities");
    if (!mon->negotiated && !is_caps) {
        error_set_class(
            &err, QEMU_ERROR_COMMAND_NOT_FOUND,
            "Expecting capabilities negotiation with 'qmp_capabilities'");
        goto fail;
    }
    if (mon->negotiated && is_caps) {
        error_set_class(
            &err, QEMU_ERROR_COMMAND_NOT_FOUND,
            "Capabilities negotiation is already complete, command ignored");
        goto fail;
    }
    cmd = qmp_command_find(name);
    if (!cmd) {
        error_set_class(&err, QEMU_ERROR_COMMAND_NOT_FOUND,
                        "The command %s has not been found", name);
        goto fail;
    }
    if (oob) {
        error_setg(&err, "The command %s does not support OOB", name);
        goto fail;
    }
    if (!qmp_check_args(cmd, args, &err)) {
        goto fail;
    }
    ret = cmd->fn(args, &err);
    if (!ret) {
        goto fail;
    }
    if (is_caps) {
        qmp_negotiated(mon, args);
    }
    qmp_send_return(mon, id, ret);
    return;

fail:
    qmp_send_error(mon, id, err);
}

/* json-glib's "<data>:1:5: Parse error: unexpected ..." without the place. */
static const char *json_error_text(const char *msg)
{
    const char *p = strstr(msg, "Parse error: ");

    return p ? p + strlen("Parse error: ") : msg;
}

/*
 * json-glib wraps integers that do not fit in int64; QEMU reads them as
 * floating point. Give such integers a ".0" so json-glib does the same.
 */
static void json_widen_big_ints(GString *text)
{
    bool in_string = false;

    for (gsize i = 0; i < text->len; i++) {
        char c = text->str[i];
        gsize end = i;

        if (in_string) {
            if (c == '\\') {
                i++;
            } else if (c == '"') {
                in_string = false;
            }
            continue;
        }
        if (c == '"') {
            in_string = true;
            continue;
        }
        if (c != '-' && !g_ascii_isdigit(c)) {
            continue;
        }
        while (end < text->len && strchr("+-.eE0123456789", text->str[end])) {
            end++;
        }
        if (strspn(text->str + i + (c == '-'), "0123456789") ==
            end - i - (c == '-')) {
            errno = 0;
            g_ascii_strtoll(text->str + i, NULL, 10);
            if (errno == ERANGE) {
                g_string_insert(text, end, ".0");
                end += 2;
            }
        }
        i = end - 1;
    }
}

static void qmp_handle_value(MonitorQMP *mon, GString *text)
{
    g_autoptr(JsonParser) parser = json_parser_new();
    GError *err = NULL;
    JsonNode *root;

    if (memchr(text->str, '\0', text->len)) {
        error_setg(&err, "JSON parse error, stray '\\u0000'");
        qmp_send_error(mon, NULL, err);
        return;
    }
    json_widen_big_ints(text);
    if (!json_parser_load_from_data(parser, text->str, text->len, &err)) {
        GError *perr = NULL;

        error_setg(&perr, "JSON parse error, %s",
                   json_error_text(err->message));
        g_error_free(err);
        qmp_send_error(mon, NULL, perr);
        return;
    }
    root = json_parser_get_root(parser);
    if (!root || !JSON_NODE_HOLDS_OBJECT(root)) {
        error_setg(&err, "QMP input must be a JSON object");
        qmp_send_error(mon, NULL, err);
        return;
    }
    qmp_dispatch(mon, json_node_get_object(root));
}

/* The chardev side */

static void qmp_session_open(MonitorQMP *mon)
{
    g_autoptr(JsonObject) msg = json_object_new();
    JsonObject *qmp = json_object_new();
    JsonArray *caps = json_array_new();

    mon->opened = true;
    mon->negotiated = false;
    mon->oob = false;
    json_array_add_string_element(caps, "oob");
    json_object_set_object_member(qmp, "version", qmp_version_info());
    json_object_set_array_member(qmp, "capabilities", caps);
    json_object_set_object_member(msg, "QMP", qmp);
    qmp_send(mon, msg);
}

static void qmp_session_close(MonitorQMP *mon)
{
    mon->opened = false;
    mon->negotiated = false;
    mon->oob = false;
    mon->session++;
    json_splitter_reset(&mon->splitter);
}

static int qmp_can_read(void *opaque)
{
    return 4096;
}

static void qmp_read(void *opaque, const uint8_t *buf, int size)
{
    MonitorQMP *mon = opaque;
    unsigned session = mon->session;
    size_t done = 0;

    /* Stop if a reply's write ends the session: the rest was its input. */
    while (done < size && session == mon->session) {
        SplitStatus status;
        const char *error = NULL;
        GError *err = NULL;

        done += json_splitter_feed(&mon->splitter, buf + done, size - done,
                                   &status, &error);
        if (status == SPLIT_VALUE) {
            qmp_handle_value(mon, mon->splitter.buf);
        } else if (status == SPLIT_ERROR) {
            error_setg(&err, "%s", error);
            qmp_send_error(mon, NULL, err);
        }
    }
}

static void qmp_chr_event(void *opaque, QEMUChrEvent event)
{
    MonitorQMP *mon = opaque;

    switch (event) {
    case CHR_EVENT_OPENED:
        if (!mon->opened) {
            qmp_session_open(mon);
        }
        break;
    case CHR_EVENT_CLOSED:
        qmp_session_close(mon);
        break;
    default:
        break;
    }
}

bool monitor_init(Chardev *chr, bool control, bool pretty, GError **errp)
{
    MonitorQMP *mon;

    if (!control) {
        if (pretty) {
            error_setg(errp, "'pretty' is not compatible with HMP monitors");
            return false;
        }
        return hmp_monitor_init(chr, errp);
    }
    mon = g_new0(MonitorQMP, 1);
    if (!qemu_chr_fe_init(&mon->be, chr, errp)) {
        g_free(mon);
        return false;
    }
    mon->pretty = pretty;
    mon->splitter.buf = g_string_new(NULL);
    if (!qmp_monitors) {
        qmp_monitors = g_ptr_array_new();
    }
    g_ptr_array_add(qmp_monitors, mon);
    qemu_chr_fe_set_handlers(&mon->be, qmp_can_read, qmp_read, qmp_chr_event,
                             mon);
    /* A backend already open may not announce it again. */
    if (chr->be_open && !mon->opened) {
        qmp_session_open(mon);
    }
    return true;
}

void monitor_cleanup(void)
{
    for (guint i = 0; qmp_monitors && i < qmp_monitors->len; i++) {
        MonitorQMP *mon = qmp_monitors->pdata[i];

        qemu_chr_fe_deinit(&mon->be);
        g_string_free(mon->splitter.buf, true);
        g_free(mon);
    }
    if (qmp_monitors) {
        g_ptr_array_free(qmp_monitors, true);
        qmp_monitors = NULL;
    }
    hmp_monitor_cleanup();
}
