/*
 * SiFive test finisher.
 *
 * One write-only register at offset 0. The guest writes a status in the low
 * half and, for a failure, an exit code in the high half:
 *   FINISHER_PASS  - the emulator exits with status 0
 *   FINISHER_FAIL  - the emulator exits with status `code`
 *   FINISHER_RESET - the machine resets
 * Anything else is a guest error. Reads return 0.
 */
#include "qemu/osdep.h"
#include "qemu/log.h"
#include "hw/misc/sifive_test.h"
#include "sysemu/runstate.h"

static uint64_t sifive_test_read(void *opaque, hwaddr addr, unsigned size)
{
    return 0;
}

static void sifive_test_write(void *opaque, hwaddr addr, uint64_t val,
                              unsigned size)
{
    uint32_t status = val & 0xffff;
    uint32_t code = (val >> 16) & 0xffff;

    if (addr == 0) {
        switch (status) {
        case FINISHER_PASS:
            qemu_system_shutdown_request_with_code(
                SHUTDOWN_CAUSE_GUEST_SHUTDOWN, 0);
            return;
        case FINISHER_FAIL:
            qemu_system_shutdown_request_with_code(
                SHUTDOWN_CAUSE_GUEST_SHUTDOWN, code);
            return;
        case FINISHER_RESET:
            qemu_system_reset_request(SHUTDOWN_CAUSE_GUEST_RESET);
            return;
        default:
            break;
        }
    }
    qemu_log_mask(LOG_GUEST_ERROR,
                  "%s: write: addr=0x%x val=0x%016" PRIx64 "\n", __func__,
                  (unsigned)addr, val);
}

static const MemoryRegionOps sifive_test_ops = {
    .read = sifive_test_read,
    .write = sifive_test_write,
    .endianness = DEVICE_NATIVE_ENDIAN,
    .valid = {
        .min_access_size = 2,
        .max_access_size = 4,
    },
};

static void sifive_test_init(Object *obj)
{
    SiFiveTestState *s = SIFIVE_TEST(obj);

    memory_region_init_io(&s->mmio, obj, &sifive_test_ops, s, TYPE_SIFIVE_TEST,
                          SIFIVE_TEST_MMIO_SIZE);
    sysbus_init_mmio(SYS_BUS_DEVICE(obj), &s->mmio);
}

static void sifive_test_finalize(Object *obj)
{
    memory_region_destroy(&SIFIVE_TEST(obj)->mmio);
}

static void sifive_test_class_init(ObjectClass *klass, void *data)
{
    DeviceClass *dc = DEVICE_CLASS(klass);

    dc->desc = "SiFive test finisher";
}

static const TypeInfo sifive_test_info = {
    .name = TYPE_SIFIVE_TEST,
    .parent = TYPE_SYS_BUS_DEVICE,
    .instance_size = sizeof(SiFiveTestState),
    .instance_init = sifive_test_init,
    .instance_finalize = sifive_test_finalize,
    .class_init = sifive_test_class_init,
};

static void sifive_test_register_types(void)
{
    type_register_static(&sifive_test_info);
}

type_init(sifive_test_register_types)
