/*
 * The "secret" user-creatable object: bytes given inline (data=) or read
 * from a file (file=), raw or base64-encoded (format=).
 */
#include "qemu/osdep.h"
#include "crypto/secret.h"
#include "qom/object_interfaces.h"

typedef struct QCryptoSecret {
    Object parent_obj;
    char *data;
    char *file;
    char *format;
    uint8_t *raw; /* decoded, NUL-terminated */
    size_t rawlen;
} QCryptoSecret;

#define QCRYPTO_SECRET(obj) \
    OBJECT_CHECK(QCryptoSecret, (obj), TYPE_QCRYPTO_SECRET)

static bool secret_complete(Object *obj, GError **errp)
{
    QCryptoSecret *s = QCRYPTO_SECRET(obj);
    g_autofree char *input = NULL;
    gsize len;

    if (!!s->data == !!s->file) {
        error_setg(errp, "Either 'data' or 'file' must be provided");
        return false;
    }
    if (s->format && strcmp(s->format, "raw") && strcmp(s->format, "base64")) {
        error_setg(errp, "Parameter 'format' does not accept value '%s'",
                   s->format);
        return false;
    }
    if (s->file) {
        g_autoptr(GError) err = NULL;

        /* GLib's own error: errno may be stale by now. */
        if (!g_file_get_contents(s->file, &input, &len, &err)) {
            error_setg(errp, "Unable to read %s: %s", s->file, err->message);
            return false;
        }
    } else {
        input = g_strdup(s->data);
        len = strlen(input);
    }
    if (s->format && !strcmp(s->format, "base64")) {
        /* g_base64_decode accepts junk silently: check the alphabet. */
        for (gsize i = 0; i < len; i++) {
            if (!g_ascii_isalnum(input[i]) && !strchr("+/=\n\r", input[i])) {
                error_setg(errp, "Invalid base64 data in secret");
                return false;
            }
        }
        s->raw = g_base64_decode(input, &s->rawlen);
        s->raw = g_realloc(s->raw, s->rawlen + 1);
        s->raw[s->rawlen] = 0;
    } else {
        s->rawlen = len;
        s->raw = (uint8_t *)g_steal_pointer(&input);
    }
    return true;
}

static void secret_finalize(Object *obj)
{
    QCryptoSecret *s = QCRYPTO_SECRET(obj);

    if (s->raw) {
        memset(s->raw, 0, s->rawlen); /* don't leave it in freed memory */
        g_free(s->raw);
    }
}

uint8_t *qcrypto_secret_lookup(const char *id, size_t *len, GError **errp)
{
    g_autofree char *path = g_strdup_printf("/objects/%s", id);
    Object *obj = object_resolve_path_type(path, TYPE_QCRYPTO_SECRET, NULL);
    QCryptoSecret *s;

    if (!obj) {
        error_setg(errp, "No secret with id '%s'", id);
        return NULL;
    }
    s = QCRYPTO_SECRET(obj);
    *len = s->rawlen;
    return g_memdup2(s->raw, s->rawlen + 1);
}

static const Property secret_props[] = {
    DEFINE_PROP_STRING("data", QCryptoSecret, data),
    DEFINE_PROP_STRING("file", QCryptoSecret, file),
    DEFINE_PROP_STRING_DEF("format", QCryptoSecret, format, "raw"),
    DEFINE_PROP_END_OF_LIST(),
};

static void secret_class_init(ObjectClass *oc, void *data)
{
    UserCreatableClass *ucc = USER_CREATABLE_CLASS(oc);

    ucc->desc = "a secret (data= or file=, format=raw|base64)";
    ucc->complete = secret_complete;
    object_class_add_props(oc, secret_props);
}

static const TypeInfo secret_info = {
    .name = TYPE_QCRYPTO_SECRET,
    .parent = TYPE_USER_CREATABLE,
    .instance_size = sizeof(QCryptoSecret),
    .instance_finalize = secret_finalize,
    .class_init = secret_class_init,
};

static void secret_register_types(void)
{
    type_register_static(&secret_info);
}

type_init(secret_register_types)
