/*
 * Spike's host-target interface (HTIF): the tohost/fromhost mailbox of the
 * RISC-V ISA test suites and proxy kernels. See include/hw/char/riscv_htif.h
 * for the command format.
 *
 * Commands complete at once: a write to tohost is decoded, carried out and
 * tohost cleared before the guest's next instruction. A 32-bit guest may
 * write tohost as two halves; the command runs on the write of the high
 * half (the order rv32 programs use: low word first).
 */
#include "qemu/osdep.h"
#include "qemu/log.h"
#include "hw/char/riscv_htif.h"
#include "exec/memory.h"
#include "sysemu/runstate.h"

/* The most bytes one SYS_write copies; more is a short write. */
#define HTIF_WRITE_MAX   (1 * MiB)
#define HTIF_WRITE_CHUNK 256

/* errno values as the RISC-V Linux ABI numbers them. */
#define HTIF_EBADF  9
#define HTIF_EFAULT 14
#define HTIF_ENOSYS 38

static void htif_console_write(HTIFState *s, const uint8_t *buf, int len)
{
    if (qemu_chr_fe_backend_connected(&s->chr)) {
        qemu_chr_fe_write_all(&s->chr, buf, len);
    }
}

/*
 * SYS_write(fd, buf, len) to the console. Returns bytes written or
 * -errno; guest memory is read in chunks, each checked.
 */
static int64_t htif_sys_write(HTIFState *s, uint64_t fd, uint64_t addr,
                              uint64_t len)
{
    uint8_t chunk[HTIF_WRITE_CHUNK];
    uint64_t done = 0;

    if (fd != 1 && fd != 2) {
        qemu_log_mask(LOG_UNIMP, "%s: write to fd %" PRIu64 " not supported\n",
                      __func__, fd);
        return -HTIF_EBADF;
    }
    len = MIN(len, HTIF_WRITE_MAX);
    while (done < len) {
        uint64_t n = MIN(len - done, sizeof(chunk));

        if (addr + done < addr ||
            dma_memory_read(&address_space_memory, addr + done, chunk, n) !=
                MEMTX_OK) {
            qemu_log_mask(LOG_GUEST_ERROR,
                          "%s: buffer at 0x%" PRIx64 " (+0x%" PRIx64
                          ") is not in RAM\n",
                          __func__, addr, done);
            return done ? (int64_t)done : -HTIF_EFAULT;
        }
        htif_console_write(s, chunk, n);
        done += n;
    }
    return done;
}

static void htif_exit(uint64_t code)
{
    qemu_system_shutdown_request_with_code(SHUTDOWN_CAUSE_GUEST_SHUTDOWN,
                                           (int)(code & 0x7fffffff));
}

/* Device 0, command 0 with an even payload: the magic_mem block. */
static void htif_syscall(HTIFState *s, uint64_t addr)
{
    uint64_t mm[HTIF_MAGIC_MEM_WORDS];
    int64_t ret;
    unsigned i;

    if (dma_memory_read(&address_space_memory, addr, mm, sizeof(mm)) !=
        MEMTX_OK) {
        qemu_log_mask(LOG_GUEST_ERROR,
                      "%s: syscall block at 0x%" PRIx64 " is not in RAM\n",
                      __func__, addr);
        return;
    }
    for (i = 0; i < ARRAY_SIZE(mm); i++) {
        mm[i] = GUINT64_FROM_LE(mm[i]);
    }
    switch (mm[0]) {
    case HTIF_SYS_WRITE:
        ret = htif_sys_write(s, mm[1], mm[2], mm[3]);
        break;
    case HTIF_SYS_EXIT:
        htif_exit(mm[1]);
        return;
    default:
        qemu_log_mask(LOG_UNIMP, "%s: syscall %" PRIu64 " not supported\n",
                      __func__, mm[0]);
        ret = -HTIF_ENOSYS;
        break;
    }
    mm[0] = GUINT64_TO_LE((uint64_t)ret);
    if (dma_memory_write(&address_space_memory, addr, &mm[0], sizeof(mm[0])) !=
        MEMTX_OK) {
        qemu_log_mask(LOG_GUEST_ERROR,
                      "%s: cannot store the result at 0x%" PRIx64 "\n",
                      __func__, addr);
    }
    s->fromhost = HTIF_MAKE(HTIF_DEV_SYSCALL, HTIF_SYSCALL_CMD, 1);
}

static void htif_command(HTIFState *s, uint64_t val)
{
    uint64_t dev = HTIF_DEV(val);
    uint64_t cmd = HTIF_CMD(val);
    uint64_t payload = HTIF_PAYLOAD(val);

    s->tohost = 0; /* consumed */
    if (dev == HTIF_DEV_SYSCALL && cmd == HTIF_SYSCALL_CMD) {
        if (payload & 1) {
            htif_exit(payload >> 1);
        } else {
            htif_syscall(s, payload);
        }
    } else if (dev == HTIF_DEV_CONSOLE && cmd == HTIF_CONSOLE_CMD_PUTC) {
        uint8_t ch = payload & 0xff;

        htif_console_write(s, &ch, 1);
        s->fromhost = HTIF_MAKE(dev, cmd, 0x100 | ch);
    } else if (dev == HTIF_DEV_CONSOLE && cmd == HTIF_CONSOLE_CMD_GETC) {
        s->getc_pending = true;
        if (qemu_chr_fe_backend_connected(&s->chr)) {
            qemu_chr_fe_accept_input(&s->chr);
        }
    } else {
        /* Answered with an empty payload, as QEMU 7.2 does. */
        qemu_log_mask(LOG_GUEST_ERROR,
                      "%s: unknown command 0x%016" PRIx64 " (device %" PRIu64
                      ", command %" PRIu64 ")\n",
                      __func__, val, dev, cmd);
        s->fromhost = HTIF_MAKE(dev, cmd, 0);
    }
}

/* offset 0..7 of an 8-byte word, accessed with size 4 or 8. */
static uint64_t htif_word_read(uint64_t word, hwaddr addr, unsigned size)
{
    if (size == 8) {
        return word;
    }
    return (uint32_t)(word >> (addr * 8));
}

static uint64_t htif_word_write(uint64_t word, hwaddr addr, uint64_t val,
                                unsigned size)
{
    uint64_t mask;

    if (size == 8) {
        return val;
    }
    mask = 0xffffffffULL << (addr * 8);
    return (word & ~mask) | ((val << (addr * 8)) & mask);
}

static uint64_t htif_tohost_read(void *opaque, hwaddr addr, unsigned size)
{
    HTIFState *s = opaque;

    return htif_word_read(s->tohost, addr, size);
}

static void htif_tohost_write(void *opaque, hwaddr addr, uint64_t val,
                              unsigned size)
{
    HTIFState *s = opaque;

    s->tohost = htif_word_write(s->tohost, addr, val, size);
    /*
     * A command is complete once its high word (device, command) is in.
     * Zero is no command (it is what the loader restores on reset).
     */
    if ((size == 8 || addr == 4) && s->tohost != 0) {
        htif_command(s, s->tohost);
    }
}

static uint64_t htif_fromhost_read(void *opaque, hwaddr addr, unsigned size)
{
    HTIFState *s = opaque;

    return htif_word_read(s->fromhost, addr, size);
}

static void htif_fromhost_write(void *opaque, hwaddr addr, uint64_t val,
                                unsigned size)
{
    HTIFState *s = opaque;

    s->fromhost = htif_word_write(s->fromhost, addr, val, size);
    if (s->fromhost == 0 && s->getc_pending &&
        qemu_chr_fe_backend_connected(&s->chr)) {
        qemu_chr_fe_accept_input(&s->chr);
    }
}

static const MemoryRegionOps htif_tohost_ops = {
    .read = htif_tohost_read,
    .write = htif_tohost_write,
    .endianness = DEVICE_LITTLE_ENDIAN,
    .valid = {
        .min_access_size = 4,
        .max_access_size = 8,
    },
};

static const MemoryRegionOps htif_fromhost_ops = {
    .read = htif_fromhost_read,
    .write = htif_fromhost_write,
    .endianness = DEVICE_LITTLE_ENDIAN,
    .valid = {
        .min_access_size = 4,
        .max_access_size = 8,
    },
};

/* Input: one character per pending getchar, once fromhost is free. */
static int htif_can_receive(void *opaque)
{
    HTIFState *s = opaque;

    return s->getc_pending && s->fromhost == 0;
}

static void htif_receive(void *opaque, const uint8_t *buf, int size)
{
    HTIFState *s = opaque;

    if (size < 1 || !htif_can_receive(s)) {
        return;
    }
    s->getc_pending = false;
    s->fromhost =
        HTIF_MAKE(HTIF_DEV_CONSOLE, HTIF_CONSOLE_CMD_GETC, 0x100 | buf[0]);
}

static void htif_init(Object *obj)
{
    HTIFState *s = RISCV_HTIF(obj);

    memory_region_init_io(&s->tohost_mmio, obj, &htif_tohost_ops, s,
                          "htif.tohost", 8);
    memory_region_init_io(&s->fromhost_mmio, obj, &htif_fromhost_ops, s,
                          "htif.fromhost", 8);
    sysbus_init_mmio(SYS_BUS_DEVICE(obj), &s->tohost_mmio);
    sysbus_init_mmio(SYS_BUS_DEVICE(obj), &s->fromhost_mmio);
}

static void htif_finalize(Object *obj)
{
    HTIFState *s = RISCV_HTIF(obj);

    memory_region_destroy(&s->tohost_mmio);
    memory_region_destroy(&s->fromhost_mmio);
}

static void htif_realize(DeviceState *dev, GError **errp)
{
    HTIFState *s = RISCV_HTIF(dev);

    if (qemu_chr_fe_backend_connected(&s->chr)) {
        qemu_chr_fe_set_handlers(&s->chr, htif_can_receive, htif_receive, NULL,
                                 s);
    }
}

static void htif_unrealize(DeviceState *dev)
{
    HTIFState *s = RISCV_HTIF(dev);

    if (qemu_chr_fe_backend_connected(&s->chr)) {
        qemu_chr_fe_set_handlers(&s->chr, NULL, NULL, NULL, NULL);
    }
}

static void htif_reset(DeviceState *dev)
{
    HTIFState *s = RISCV_HTIF(dev);

    s->tohost = 0;
    s->fromhost = 0;
    s->getc_pending = false;
}

static const Property htif_props[] = {
    DEFINE_PROP_CHR("chardev", HTIFState, chr),
    DEFINE_PROP_END_OF_LIST(),
};

static void htif_class_init(ObjectClass *klass, void *data)
{
    DeviceClass *dc = DEVICE_CLASS(klass);

    dc->desc = "RISC-V Spike host-target interface";
    dc->realize = htif_realize;
    dc->unrealize = htif_unrealize;
    dc->reset = htif_reset;
    device_class_set_props(dc, htif_props);
}

static const TypeInfo htif_info = {
    .name = TYPE_RISCV_HTIF,
    .parent = TYPE_SYS_BUS_DEVICE,
    .instance_size = sizeof(HTIFState),
    .instance_init = htif_init,
    .instance_finalize = htif_finalize,
    .class_init = htif_class_init,
};

static void htif_register_types(void)
{
    type_register_static(&htif_info);
}

type_init(htif_register_types)
