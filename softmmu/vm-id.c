/*
 * The VM's identity from the command line: -name and -uuid, as query-name,
 * query-uuid and `info name` report them.
 */
#include "qemu/osdep.h"
#include "qapi/error.h"
#include "sysemu/sysemu.h"

static char *vm_name;
static char vm_uuid[37] = "00000000-0000-0000-0000-000000000000";

void qemu_set_name(const char *name)
{
    g_free(vm_name);
    vm_name = g_strdup(name);
}

const char *qemu_get_name(void)
{
    return vm_name;
}

/* RFC 4122 section 3's text form: 8-4-4-4-12 hex digits, any case. */
bool qemu_set_uuid(const char *text, GError **errp)
{
    static const char shape[] = "xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx";

    for (size_t i = 0; i < sizeof(shape); i++) {
        bool ok = shape[i] == 'x'   ? g_ascii_isxdigit(text[i])
                  : shape[i] == '-' ? text[i] == '-'
                                    : text[i] == 0;

        if (!ok) {
            error_setg(errp, "Fail to parse UUID string.");
            return false;
        }
    }
    for (size_t i = 0; i < sizeof(shape); i++) {
        vm_uuid[i] = g_ascii_tolower(text[i]);
    }
    return true;
}

const char *qemu_uuid_string(void)
{
    return vm_uuid;
}
