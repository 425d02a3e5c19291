/*
 * The qtest line protocol (softmmu/qtest.c): the input is what a test
 * would send on the -qtest chardev; a newline is added at the end so the
 * last line is processed too.
 *
 * irq_intercept_in/out rewire the machine's IRQ lines for the rest of the
 * process, which no reset undoes: inputs that use them are rejected so
 * that each input starts from the same machine.
 */
#include "qemu/osdep.h"
#include "fuzz-vm.h"

static Chardev *qtest_chr;

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    static const char *const args[] = { "-qtest", "null", NULL };

    fuzz_vm_init(args);
    qtest_chr = fuzz_chr_get("qtest");
    return 0;
}

/* Does some line's first word start with "irq_intercept"? */
static bool uses_irq_intercept(const uint8_t *data, size_t size)
{
    static const char word[] = "irq_intercept";
    size_t i = 0;

    while (i < size) {
        while (i < size && data[i] == ' ') {
            i++;
        }
        if (size - i >= strlen(word) && !memcmp(data + i, word, strlen(word))) {
            return true;
        }
        while (i < size && data[i] != '\n') {
            i++;
        }
        i++;
    }
    return false;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (uses_irq_intercept(data, size)) {
        return -1;
    }
    fuzz_chr_feed(qtest_chr, data, size);
    fuzz_chr_feed(qtest_chr, (const uint8_t *)"\n", 1);
    fuzz_vm_reset();
    return 0;
}
