/*
 * The PC's 8042 keyboard controller ("i8042", ports 0x60 data, 0x64
 * status/command; IRQ 1 keyboard, IRQ 12 mouse), as much of it as
 * firmware and an OS probing it need: the controller commands (command
 * byte, self tests, output port with the reset line and A20, the pulse
 * commands: 0xfe resets the machine), and a keyboard and a PS/2 mouse
 * that answer their commands (reset, identify, parameters) but never
 * have a key or a movement to report: there is no input device behind
 * them. (IBM PC AT Technical Reference, "Keyboard controller"; the PS/2
 * keyboard and mouse command sets.)
 *
 * Bytes for the host wait in one queue, each marked keyboard or mouse;
 * the head is the output buffer (status OBF, and AUX_OBF for a mouse
 * byte), and raises IRQ 1 or 12 when the command byte enables it.
 * Reading port 0x60 takes the head; with nothing queued it returns the
 * last byte again.
 */
#include "qemu/osdep.h"
#include "qapi/error.h"
#include "qemu/log.h"
#include "exec/memory.h"
#include "hw/irq.h"
#include "hw/isa/isa.h"
#include "hw/qdev-core.h"
#include "sysemu/runstate.h"

#define TYPE_I8042 "i8042"
OBJECT_DECLARE_SIMPLE_TYPE(I8042State, I8042)

#define I8042_DATA_PORT 0x60
#define I8042_CMD_PORT  0x64
#define I8042_KBD_IRQ   1
#define I8042_MOUSE_IRQ 12
#define I8042_QUEUE     16

/* Status register */
#define STAT_OBF      0x01
#define STAT_SELFTEST 0x04 /* the system flag, set by a passed self test */
#define STAT_CMD      0x08
#define STAT_UNLOCKED 0x10
#define STAT_AUX_OBF  0x20

/* Command byte ("mode") */
#define MODE_KBD_INT     0x01
#define MODE_MOUSE_INT   0x02
#define MODE_DISABLE_KBD 0x10
#define MODE_DISABLE_AUX 0x20

/* Output port */
#define OUT_RESET 0x01 /* low: the CPU is held in reset */
#define OUT_A20   0x02
#define OUT_ONES  0xcc /* keyboard clock/data and unused lines, as QEMU's */

/* Controller commands (port 0x64) */
enum {
    CCMD_READ_MODE = 0x20,
    CCMD_WRITE_MODE = 0x60,
    CCMD_DISABLE_AUX = 0xa7,
    CCMD_ENABLE_AUX = 0xa8,
    CCMD_TEST_AUX = 0xa9,
    CCMD_SELF_TEST = 0xaa,
    CCMD_TEST_KBD = 0xab,
    CCMD_DISABLE_KBD = 0xad,
    CCMD_ENABLE_KBD = 0xae,
    CCMD_READ_INPORT = 0xc0,
    CCMD_READ_OUTPORT = 0xd0,
    CCMD_WRITE_OUTPORT = 0xd1,
    CCMD_WRITE_KBD_OBUF = 0xd2,
    CCMD_WRITE_AUX_OBUF = 0xd3,
    CCMD_WRITE_MOUSE = 0xd4,
    CCMD_DISABLE_A20 = 0xdd,
    CCMD_ENABLE_A20 = 0xdf,
    CCMD_PULSE_FIRST = 0xf0, /* 0xf0-0xff: pulse output lines 3:0 low */
};

struct I8042State {
    DeviceState parent_obj;
    MemoryRegion data_io, cmd_io;
    qemu_irq kbd_irq, mouse_irq;

    uint8_t status;
    uint8_t mode;
    uint8_t outport;
    uint8_t write_cmd;     /* controller command awaiting its data byte */
    uint8_t kbd_param_cmd; /* keyboard command awaiting its parameter */
    uint8_t aux_param_cmd; /* mouse command awaiting its parameter */
    uint8_t last;          /* the byte port 0x60 read last */
    uint8_t queue[I8042_QUEUE];
    bool queue_aux[I8042_QUEUE];
    unsigned head, count;
};

static void i8042_update(I8042State *s)
{
    bool aux = s->count && s->queue_aux[s->head];

    s->status &= ~(STAT_OBF | STAT_AUX_OBF);
    if (s->count) {
        s->status |= STAT_OBF | (aux ? STAT_AUX_OBF : 0);
    }
    qemu_set_irq(s->kbd_irq, s->count && !aux && (s->mode & MODE_KBD_INT));
    qemu_set_irq(s->mouse_irq, s->count && aux && (s->mode & MODE_MOUSE_INT));
}

/* Queue bytes for the host; a full queue drops them, as a busy device. */
static void i8042_push(I8042State *s, bool aux, const uint8_t *bytes,
                       unsigned n)
{
    for (unsigned i = 0; i < n && s->count < I8042_QUEUE; i++) {
        unsigned pos = (s->head + s->count++) % I8042_QUEUE;

        s->queue[pos] = bytes[i];
        s->queue_aux[pos] = aux;
    }
    i8042_update(s);
}

static void i8042_push1(I8042State *s, bool aux, uint8_t byte)
{
    i8042_push(s, aux, &byte, 1);
}

static uint8_t i8042_read_data(I8042State *s)
{
    if (s->count) {
        s->last = s->queue[s->head];
        s->head = (s->head + 1) % I8042_QUEUE;
        s->count--;
        /* The IRQ drops, then rises again for the next byte. */
        qemu_set_irq(s->kbd_irq, 0);
        qemu_set_irq(s->mouse_irq, 0);
        i8042_update(s);
    }
    return s->last;
}

static void i8042_write_outport(I8042State *s, uint8_t v)
{
    s->outport = v;
    if (!(v & OUT_RESET)) {
        qemu_system_reset_request(SHUTDOWN_CAUSE_GUEST_RESET);
    }
}

/* A PS/2 device's answer to a command: ACK, then what it returns. */
typedef struct PS2Reply {
    uint8_t cmd;
    uint8_t len;
    uint8_t bytes[4];
    bool takes_param;
} PS2Reply;

#define ACK 0xfa

static const PS2Reply kbd_replies[] = {
    { 0xff, 2, { ACK, 0xaa } },       /* reset and self test: passed */
    { 0xf2, 3, { ACK, 0xab, 0x83 } }, /* identify: MF2 keyboard */
    { 0xee, 1, { 0xee } },            /* echo */
    { 0xed, 1, { ACK }, true },       /* set LEDs */
    { 0xf3, 1, { ACK }, true },       /* set typematic rate */
    { 0xf0, 1, { ACK }, true },       /* scan code set */
};

static const PS2Reply mouse_replies[] = {
    { 0xff, 3, { ACK, 0xaa, 0x00 } },       /* reset: passed, ID 0 */
    { 0xf2, 2, { ACK, 0x00 } },             /* identify: standard mouse */
    { 0xe9, 4, { ACK, 0x00, 0x02, 0x64 } }, /* status: 100/s, 4 counts/mm */
    { 0xf3, 1, { ACK }, true },             /* sample rate */
    { 0xe8, 1, { ACK }, true },             /* resolution */
};

/* Commands not in the table are acknowledged and do nothing here. */
static void ps2_command(I8042State *s, bool aux, const PS2Reply *table,
                        size_t n, uint8_t *param_cmd, uint8_t v)
{
    if (*param_cmd) {
        *param_cmd = 0;
        i8042_push1(s, aux, ACK);
        return;
    }
    for (size_t i = 0; i < n; i++) {
        if (table[i].cmd == v) {
            if (table[i].takes_param) {
                *param_cmd = v;
            }
            i8042_push(s, aux, table[i].bytes, table[i].len);
            return;
        }
    }
    i8042_push1(s, aux, ACK);
}

static void i8042_write_data(I8042State *s, uint8_t v)
{
    uint8_t cmd = s->write_cmd;

    s->write_cmd = 0;
    switch (cmd) {
    case 0:
        ps2_command(s, false, kbd_replies, G_N_ELEMENTS(kbd_replies),
                    &s->kbd_param_cmd, v);
        break;
    case CCMD_WRITE_MODE:
        s->mode = v;
        i8042_update(s);
        break;
    case CCMD_WRITE_OUTPORT:
        i8042_write_outport(s, v);
        break;
    case CCMD_WRITE_KBD_OBUF:
        i8042_push1(s, false, v);
        break;
    case CCMD_WRITE_AUX_OBUF:
        i8042_push1(s, true, v);
        break;
    case CCMD_WRITE_MOUSE:
        ps2_command(s, true, mouse_replies, G_N_ELEMENTS(mouse_replies),
                    &s->aux_param_cmd, v);
        break;
    }
}

static void i8042_write_command(I8042State *s, uint8_t v)
{
    switch (v) {
    case CCMD_READ_MODE:
        i8042_push1(s, false, s->mode);
        break;
    case CCMD_WRITE_MODE:
    case CCMD_WRITE_OUTPORT:
    case CCMD_WRITE_KBD_OBUF:
    case CCMD_WRITE_AUX_OBUF:
    case CCMD_WRITE_MOUSE:
        s->write_cmd = v;
        break;
    case CCMD_DISABLE_AUX:
        s->mode |= MODE_DISABLE_AUX;
        break;
    case CCMD_ENABLE_AUX:
        s->mode &= ~MODE_DISABLE_AUX;
        break;
    case CCMD_DISABLE_KBD:
        s->mode |= MODE_DISABLE_KBD;
        break;
    case CCMD_ENABLE_KBD:
        s->mode &= ~MODE_DISABLE_KBD;
        break;
    case CCMD_TEST_AUX:
    case CCMD_TEST_KBD:
    case CCMD_READ_INPORT:
        i8042_push1(s, false, 0x00); /* interface passed; input port 0 */
        break;
    case CCMD_SELF_TEST:
        s->status |= STAT_SELFTEST;
        i8042_push1(s, false, 0x55);
        break;
    case CCMD_READ_OUTPORT:
        i8042_push1(s, false, s->outport);
        break;
    case CCMD_DISABLE_A20:
        s->outport &= ~OUT_A20;
        break;
    case CCMD_ENABLE_A20:
        s->outport |= OUT_A20;
        break;
    default:
        if (v >= CCMD_PULSE_FIRST) {
            /* Lines whose bit is clear pulse low: line 0 is reset. */
            if (!(v & OUT_RESET)) {
                qemu_system_reset_request(SHUTDOWN_CAUSE_GUEST_RESET);
            }
            break;
        }
        qemu_log_mask(LOG_GUEST_ERROR, "i8042: unknown command 0x%02x\n", v);
        break;
    }
}

static uint64_t i8042_data_read(void *opaque, hwaddr addr, unsigned size)
{
    return i8042_read_data(opaque);
}

static void i8042_data_write(void *opaque, hwaddr addr, uint64_t val,
                             unsigned size)
{
    i8042_write_data(opaque, val);
}

static uint64_t i8042_cmd_read(void *opaque, hwaddr addr, unsigned size)
{
    return I8042(opaque)->status;
}

static void i8042_cmd_write(void *opaque, hwaddr addr, uint64_t val,
                            unsigned size)
{
    i8042_write_command(opaque, val);
}

static const MemoryRegionOps i8042_data_ops = {
    .read = i8042_data_read,
    .write = i8042_data_write,
    .endianness = DEVICE_LITTLE_ENDIAN,
    .valid = { .min_access_size = 1, .max_access_size = 1 },
};

static const MemoryRegionOps i8042_cmd_ops = {
    .read = i8042_cmd_read,
    .write = i8042_cmd_write,
    .endianness = DEVICE_LITTLE_ENDIAN,
    .valid = { .min_access_size = 1, .max_access_size = 1 },
};

static void i8042_realize(DeviceState *dev, GError **errp)
{
    I8042State *s = I8042(dev);
    ISABus *bus = isa_bus_find(TYPE_I8042, errp);

    if (!bus) {
        return;
    }
    s->kbd_irq = isa_bus_get_irq(bus, I8042_KBD_IRQ, TYPE_I8042, errp);
    s->mouse_irq = isa_bus_get_irq(bus, I8042_MOUSE_IRQ, TYPE_I8042, errp);
    memory_region_init_io(&s->data_io, OBJECT(s), &i8042_data_ops, s,
                          "i8042-data", 1);
    memory_region_init_io(&s->cmd_io, OBJECT(s), &i8042_cmd_ops, s, "i8042-cmd",
                          1);
    memory_region_add_subregion(get_system_io(), I8042_DATA_PORT, &s->data_io);
    memory_region_add_subregion(get_system_io(), I8042_CMD_PORT, &s->cmd_io);
}

static void i8042_reset(DeviceState *dev)
{
    I8042State *s = I8042(dev);

    s->status = STAT_CMD | STAT_UNLOCKED;
    s->mode = MODE_KBD_INT | MODE_MOUSE_INT;
    s->outport = OUT_RESET | OUT_A20 | OUT_ONES;
    s->write_cmd = 0;
    s->kbd_param_cmd = 0;
    s->aux_param_cmd = 0;
    s->last = 0;
    s->head = 0;
    s->count = 0;
    i8042_update(s);
}

static void i8042_class_init(ObjectClass *oc, void *data)
{
    DeviceClass *dc = DEVICE_CLASS(oc);

    dc->desc = "PC keyboard controller";
    dc->category = DEVICE_CATEGORY_INPUT;
    dc->realize = i8042_realize;
    dc->reset = i8042_reset;
}

static const TypeInfo i8042_info = {
    .name = TYPE_I8042,
    .parent = TYPE_DEVICE,
    .instance_size = sizeof(I8042State),
    .class_init = i8042_class_init,
};

static void i8042_register_types(void)
{
    type_register_static(&i8042_info);
}

type_init(i8042_register_types)
