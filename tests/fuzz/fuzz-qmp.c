/*
 * QMP (monitor/qmp.c): the input is one client session on a QMP monitor,
 * from the greeting on; the JSON splitter, the parser, the request checks
 * and every command, HMP's through human-monitor-command, run on it. Each
 * input is a new session (so it must negotiate capabilities first, as a
 * client must) on a freshly reset machine.
 */
#include "qemu/osdep.h"
#include "fuzz-vm.h"

static Chardev *qmp_chr;

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    static const char *const args[] = {
        "-chardev", "null,id=fuzz-qmp", "-mon", "chardev=fuzz-qmp,mode=control",
        NULL,
    };

    fuzz_vm_init(args);
    qmp_chr = fuzz_chr_get("fuzz-qmp");
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    qemu_chr_be_event(qmp_chr, CHR_EVENT_CLOSED);
    qemu_chr_be_event(qmp_chr, CHR_EVENT_OPENED);
    fuzz_chr_feed(qmp_chr, data, size);
    fuzz_vm_reset();
    return 0;
}
