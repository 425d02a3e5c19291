/*
 * virtio-serial-device (virtio 1.2 section 5.3): up to max_ports ports,
 * each a receiveq/transmitq pair, and with VIRTIO_CONSOLE_F_MULTIPORT a
 * control queue pair over which device and driver agree which ports exist,
 * which is the console (hvc0 in Linux), their names, and who has them open
 * (5.3.6.2).
 *
 * Queue layout (5.3.2): port 0 uses queues 0 and 1, the control queues are
 * 2 and 3, port N > 0 uses 2N + 2 and 2N + 3.
 *
 * Control messages from the driver are guest input: a short message, an
 * unknown event or a port id that names no port gets a -d guest_errors
 * line and is otherwise ignored. Messages to the driver wait (a bounded
 * number) until it posts receive buffers.
 */
#include "qemu/osdep.h"
#include "qemu/bswap.h"
#include "qemu/log.h"
#include "hw/boards.h"
#include "hw/char/virtio-serial.h"

/* Feature bits (5.3.3) */
#define VIRTIO_CONSOLE_F_SIZE        0
#define VIRTIO_CONSOLE_F_MULTIPORT   1
#define VIRTIO_CONSOLE_F_EMERG_WRITE 2

/* struct virtio_console_config (5.3.4) */
#define CFG_COLS         0
#define CFG_ROWS         2
#define CFG_MAX_NR_PORTS 4
#define CFG_EMERG_WR     8
#define CFG_SIZE         12

/* struct virtio_console_control (5.3.6.2): le32 id, le16 event, value. */
#define CTRL_MSG_SIZE 8

#define DATA_QUEUE_SIZE 128
#define CTRL_QUEUE_SIZE 32
/* Messages for the driver kept while it posts no buffers. */
#define CTRL_PENDING_MAX 256

bool virtio_serial_multiport(VirtIOSerial *vser)
{
    return virtio_has_feature(VIRTIO_DEVICE(vser), VIRTIO_CONSOLE_F_MULTIPORT);
}

static bool driver_ok(VirtIOSerial *vser)
{
    VirtIODevice *vdev = VIRTIO_DEVICE(vser);

    return (vdev->status & VIRTIO_CONFIG_S_DRIVER_OK) && !vdev->broken;
}

static unsigned port_rx_queue(uint32_t id)
{
    return id == 0 ? 0 : 2 * id + 2;
}

/* The port a data queue belongs to, or NULL. */
static VirtIOSerialPort *port_of_queue(VirtIOSerial *vser, unsigned q)
{
    uint32_t id = q < 2 ? 0 : (q - 2) / 2;

    return id < vser->max_ports ? vser->ports[id] : NULL;
}

static VirtIOSerialPort *port_by_id(VirtIOSerial *vser, uint32_t id)
{
    return id < vser->max_ports ? vser->ports[id] : NULL;
}

/* Messages to the driver (control receiveq) */

static void ctrl_flush(VirtIOSerial *vser)
{
    VirtIODevice *vdev = VIRTIO_DEVICE(vser);
    bool pushed = false;
    GByteArray *msg;

    while ((msg = g_queue_peek_head(&vser->ctrl_pending))) {
        VirtQueueElement *elem = virtqueue_pop(vser->c_ivq);
        uint32_t len = msg->len;

        if (!elem) {
            break;
        }
        g_queue_pop_head(&vser->ctrl_pending);
        if (elem->in_len < msg->len) {
            qemu_log_mask(LOG_GUEST_ERROR,
                          "%s: control receive buffer of %" PRIu64
                          " bytes is shorter than the %u-byte message\n",
                          vdev->name, elem->in_len, msg->len);
            len = 0;
        } else if (virtqueue_elem_write(vdev, elem, 0, msg->data, len) < 0) {
            g_byte_array_unref(msg);
            virtqueue_elem_free(elem);
            return;
        }
        g_byte_array_unref(msg);
        virtqueue_push(vser->c_ivq, elem, len);
        pushed = true;
    }
    if (pushed) {
        virtio_notify(vdev, vser->c_ivq);
    }
}

static void send_ctrl(VirtIOSerial *vser, uint32_t id, uint16_t event,
                      uint16_t value, const void *extra, size_t extra_len)
{
    GByteArray *msg;
    uint8_t hdr[CTRL_MSG_SIZE];

    if (!virtio_serial_multiport(vser) || !driver_ok(vser)) {
        return;
    }
    if (g_queue_get_length(&vser->ctrl_pending) >= CTRL_PENDING_MAX) {
        qemu_log_mask(LOG_GUEST_ERROR,
                      "%s: driver takes no control messages; event %u for "
                      "port %u dropped\n",
                      VIRTIO_DEVICE(vser)->name, event, id);
        return;
    }
    stl_le_p(hdr, id);
    stw_le_p(hdr + 4, event);
    stw_le_p(hdr + 6, value);
    msg = g_byte_array_sized_new(sizeof(hdr) + extra_len);
    g_byte_array_append(msg, hdr, sizeof(hdr));
    if (extra_len) {
        g_byte_array_append(msg, extra, extra_len);
    }
    g_queue_push_tail(&vser->ctrl_pending, msg);
    ctrl_flush(vser);
}

void virtio_serial_send_event(VirtIOSerial *vser, uint32_t id, uint16_t event,
                              uint16_t value)
{
    send_ctrl(vser, id, event, value, NULL, 0);
}

static void ctrl_pending_clear(VirtIOSerial *vser)
{
    GByteArray *msg;

    while ((msg = g_queue_pop_head(&vser->ctrl_pending))) {
        g_byte_array_unref(msg);
    }
}

/* Messages from the driver (control transmitq) */

/* The driver is ready for ports (DEVICE_READY): announce each one. */
static void ctrl_device_ready(VirtIOSerial *vser, uint16_t value)
{
    if (value != 1) {
        qemu_log_mask(LOG_GUEST_ERROR,
                      "%s: driver failed to initialise (DEVICE_READY %u)\n",
                      VIRTIO_DEVICE(vser)->name, value);
        return;
    }
    for (uint32_t i = 0; i < vser->max_ports; i++) {
        if (vser->ports[i]) {
            virtio_serial_send_event(vser, i, VIRTIO_CONSOLE_DEVICE_ADD, 1);
        }
    }
}

/* The driver set up port (PORT_READY): tell it what the port is. */
static void ctrl_port_ready(VirtIOSerial *vser, VirtIOSerialPort *port,
                            uint16_t value)
{
    if (value != 1) {
        qemu_log_mask(LOG_GUEST_ERROR,
                      "%s: driver failed to add port %u (PORT_READY %u)\n",
                      VIRTIO_DEVICE(vser)->name, port->id, value);
        return;
    }
    if (port->is_console) {
        virtio_serial_send_event(vser, port->id, VIRTIO_CONSOLE_CONSOLE_PORT,
                                 1);
    }
    if (port->name) {
        /* The name follows the header, NUL-terminated as QEMU sends it. */
        send_ctrl(vser, port->id, VIRTIO_CONSOLE_PORT_NAME, 1, port->name,
                  strlen(port->name) + 1);
    }
    if (port->host_connected) {
        virtio_serial_send_event(vser, port->id, VIRTIO_CONSOLE_PORT_OPEN, 1);
    }
}

static void ctrl_handle(VirtIOSerial *vser, const uint8_t *m)
{
    const char *name = VIRTIO_DEVICE(vser)->name;
    uint32_t id = ldl_le_p(m);
    uint16_t event = lduw_le_p(m + 4), value = lduw_le_p(m + 6);
    VirtIOSerialPort *port = port_by_id(vser, id);

    if (event == VIRTIO_CONSOLE_DEVICE_READY) {
        ctrl_device_ready(vser, value);
        return;
    }
    if (event != VIRTIO_CONSOLE_PORT_READY &&
        event != VIRTIO_CONSOLE_PORT_OPEN) {
        qemu_log_mask(LOG_GUEST_ERROR,
                      "%s: unexpected control event %u (port %u) from the "
                      "driver\n",
                      name, event, id);
        return;
    }
    if (!port) {
        qemu_log_mask(LOG_GUEST_ERROR,
                      "%s: control event %u for port %u, which does not "
                      "exist\n",
                      name, event, id);
        return;
    }
    if (event == VIRTIO_CONSOLE_PORT_READY) {
        ctrl_port_ready(vser, port, value);
    } else {
        virtio_serial_port_set_guest_open(port, value != 0);
    }
}

static void ctrl_out_handle(VirtIODevice *vdev, VirtQueue *vq)
{
    VirtIOSerial *vser = VIRTIO_SERIAL(vdev);
    VirtQueueElement *elem;
    bool pushed = false;

    while ((elem = virtqueue_pop(vq))) {
        uint8_t m[CTRL_MSG_SIZE];

        if (!virtio_serial_multiport(vser)) {
            qemu_log_mask(LOG_GUEST_ERROR,
                          "%s: control queue used without MULTIPORT\n",
                          vdev->name);
        } else if (elem->out_len < CTRL_MSG_SIZE) {
            qemu_log_mask(LOG_GUEST_ERROR,
                          "%s: control message of %" PRIu64 " bytes, "
                          "shorter than %u\n",
                          vdev->name, elem->out_len, CTRL_MSG_SIZE);
        } else if (virtqueue_elem_read(vdev, elem, 0, m, sizeof(m)) < 0) {
            virtqueue_elem_free(elem);
            return;
        } else {
            ctrl_handle(vser, m);
        }
        virtqueue_push(vq, elem, 0);
        pushed = true;
    }
    if (pushed) {
        virtio_notify(vdev, vq);
    }
}

static void ctrl_in_handle(VirtIODevice *vdev, VirtQueue *vq)
{
    ctrl_flush(VIRTIO_SERIAL(vdev));
}

/* Data queues: the port does the work. */

static void data_in_handle(VirtIODevice *vdev, VirtQueue *vq)
{
    VirtIOSerialPort *port =
        port_of_queue(VIRTIO_SERIAL(vdev), virtio_queue_index(vq));

    if (port) {
        virtio_serial_port_input_ready(port);
    }
}

static void data_out_handle(VirtIODevice *vdev, VirtQueue *vq)
{
    VirtIOSerialPort *port =
        port_of_queue(VIRTIO_SERIAL(vdev), virtio_queue_index(vq));
    VirtQueueElement *elem;
    bool pushed = false;

    if (port) {
        virtio_serial_port_flush_out(port);
        return;
    }
    /* No port here: the data has nowhere to go (QEMU drops it too). */
    while ((elem = virtqueue_pop(vq))) {
        virtqueue_push(vq, elem, 0);
        pushed = true;
    }
    if (pushed) {
        virtio_notify(vdev, vq);
    }
}

/* Plugging ports */

typedef struct FindVser {
    const char *id; /* bus=ID.0, or NULL for any */
    VirtIOSerial *found;
} FindVser;

static bool vser_has_room(VirtIOSerial *vser)
{
    for (uint32_t i = 1; i < vser->max_ports; i++) {
        if (!vser->ports[i]) {
            return true;
        }
    }
    return vser->max_ports > 0 && !vser->ports[0];
}

static int find_vser(Object *obj, void *opaque)
{
    FindVser *f = opaque;
    VirtIOSerial *vser =
        (VirtIOSerial *)object_dynamic_cast(obj, TYPE_VIRTIO_SERIAL);

    if (vser && DEVICE(vser)->realized && !f->found &&
        (f->id ? DEVICE(vser)->id && !strcmp(DEVICE(vser)->id, f->id)
               : vser_has_room(vser))) {
        f->found = vser;
    }
    return object_child_foreach(obj, find_vser, opaque);
}

VirtIOSerial *virtio_serial_find(const char *bus, const char *type,
                                 GError **errp)
{
    g_autofree char *id = NULL;
    FindVser f = { NULL, NULL };

    if (bus) {
        if (!g_str_has_suffix(bus, ".0")) {
            error_setg(errp, "Bus '%s' not found", bus);
            return NULL;
        }
        id = g_strndup(bus, strlen(bus) - 2);
        f.id = id;
    }
    find_vser(OBJECT(qdev_get_machine()), &f);
    if (!f.found) {
        if (bus) {
            error_setg(errp, "Bus '%s' not found", bus);
        } else {
            error_setg(errp, "No '%s' bus found for device '%s'",
                       VIRTIO_SERIAL_BUS_NAME, type);
        }
    }
    return f.found;
}

typedef struct FindName {
    const char *name;
    bool found;
} FindName;

static int find_port_name(Object *obj, void *opaque)
{
    FindName *f = opaque;
    VirtIOSerialPort *p =
        (VirtIOSerialPort *)object_dynamic_cast(obj, TYPE_VIRTIO_SERIAL_PORT);

    if (p && p->vser && p->name && !strcmp(p->name, f->name)) {
        f->found = true;
    }
    return object_child_foreach(obj, find_port_name, opaque);
}

/* The port's number: nr=, or 0 for the first console, or the next free. */
static bool assign_id(VirtIOSerial *vser, VirtIOSerialPort *port, GError **errp)
{
    if (port->id == VIRTIO_SERIAL_BAD_ID) {
        if (port->is_console && !vser->ports[0]) {
            port->id = 0;
            return true;
        }
        /* Port 0 stays for a console, as in QEMU (old drivers expect it). */
        for (uint32_t i = 1; i < vser->max_ports; i++) {
            if (!vser->ports[i]) {
                port->id = i;
                return true;
            }
        }
        error_setg(errp, "virtio-serial-bus: Maximum port limit for this "
                         "device reached");
        return false;
    }
    if (port->id >= vser->max_ports) {
        error_setg(errp,
                   "virtio-serial-bus: Out-of-range port id specified, "
                   "max. allowed: %u",
                   vser->max_ports - 1);
        return false;
    }
    if (port->id == 0 && !port->is_console) {
        error_setg(errp, "Port number 0 on virtio-serial devices reserved for "
                         "virtconsole devices for backward compatibility.");
        return false;
    }
    if (vser->ports[port->id]) {
        error_setg(errp, "virtio-serial-bus: A port already exists at id %u",
                   port->id);
        return false;
    }
    return true;
}

bool virtio_serial_plug(VirtIOSerial *vser, VirtIOSerialPort *port,
                        GError **errp)
{
    VirtIODevice *vdev = VIRTIO_DEVICE(vser);
    FindName f = { port->name, false };

    if (port->name) {
        find_port_name(OBJECT(qdev_get_machine()), &f);
        if (f.found) {
            error_setg(errp,
                       "virtio-serial-bus: A port already exists by name %s",
                       port->name);
            return false;
        }
    }
    if (!assign_id(vser, port, errp)) {
        return false;
    }
    vser->ports[port->id] = port;
    port->vser = vser;
    port->ivq = virtio_get_queue(vdev, port_rx_queue(port->id));
    port->ovq = virtio_get_queue(vdev, port_rx_queue(port->id) + 1);
    return true;
}

/* The device */

static uint64_t virtio_serial_get_features(VirtIODevice *vdev)
{
    VirtIOSerial *vser = VIRTIO_SERIAL(vdev);
    uint64_t f = 1ull << VIRTIO_CONSOLE_F_MULTIPORT;

    if (vser->emergency_write) {
        f |= 1ull << VIRTIO_CONSOLE_F_EMERG_WRITE;
    }
    return f;
}

static void virtio_serial_get_config(VirtIODevice *vdev, uint8_t *config)
{
    VirtIOSerial *vser = VIRTIO_SERIAL(vdev);

    stw_le_p(config + CFG_COLS, 0);
    stw_le_p(config + CFG_ROWS, 0);
    stl_le_p(config + CFG_MAX_NR_PORTS, vser->max_ports);
    stl_le_p(config + CFG_EMERG_WR, 0);
}

/* 5.3.4: a write to emerg_wr puts that character out on port 0. */
static void virtio_serial_set_config(VirtIODevice *vdev, const uint8_t *config)
{
    VirtIOSerial *vser = VIRTIO_SERIAL(vdev);
    uint32_t c = ldl_le_p(config + CFG_EMERG_WR);
    uint8_t byte = c;

    if (!c || !virtio_has_feature(vdev, VIRTIO_CONSOLE_F_EMERG_WRITE)) {
        return;
    }
    if (vser->ports[0]) {
        qemu_chr_fe_write_all(&vser->ports[0]->chr, &byte, 1);
    }
}

static void virtio_serial_set_status(VirtIODevice *vdev, uint8_t status)
{
    VirtIOSerial *vser = VIRTIO_SERIAL(vdev);

    /* Without MULTIPORT port 0 is open once the driver is ready (5.3.6). */
    if ((status & VIRTIO_CONFIG_S_DRIVER_OK) && vser->ports[0] &&
        !virtio_serial_multiport(vser)) {
        virtio_serial_port_set_guest_open(vser->ports[0], true);
    }
}

static void virtio_serial_reset(VirtIODevice *vdev)
{
    VirtIOSerial *vser = VIRTIO_SERIAL(vdev);

    ctrl_pending_clear(vser);
    for (uint32_t i = 0; i < vser->max_ports; i++) {
        if (vser->ports[i]) {
            virtio_serial_port_reset(vser->ports[i]);
        }
    }
}

static void virtio_serial_realize(VirtIODevice *vdev, GError **errp)
{
    VirtIOSerial *vser = VIRTIO_SERIAL(vdev);

    if (vser->max_ports == 0) {
        error_setg(errp, "Property 'max_ports' must be at least 1");
        return;
    }
    if (vser->max_ports > VIRTIO_SERIAL_MAX_PORTS) {
        error_setg(errp, "maximum ports supported: %u",
                   VIRTIO_SERIAL_MAX_PORTS);
        return;
    }
    virtio_init(vdev, VIRTIO_ID_CONSOLE, CFG_SIZE);
    for (uint32_t i = 0; i < vser->max_ports; i++) {
        virtio_add_queue(vdev, DATA_QUEUE_SIZE, data_in_handle);
        virtio_add_queue(vdev, DATA_QUEUE_SIZE, data_out_handle);
        if (i == 0) {
            vser->c_ivq =
                virtio_add_queue(vdev, CTRL_QUEUE_SIZE, ctrl_in_handle);
            vser->c_ovq =
                virtio_add_queue(vdev, CTRL_QUEUE_SIZE, ctrl_out_handle);
        }
    }
}

static void virtio_serial_unrealize(VirtIODevice *vdev)
{
    ctrl_pending_clear(VIRTIO_SERIAL(vdev));
}

static void virtio_serial_instance_init(Object *obj)
{
    g_queue_init(&VIRTIO_SERIAL(obj)->ctrl_pending);
}

static void virtio_serial_instance_finalize(Object *obj)
{
    ctrl_pending_clear(VIRTIO_SERIAL(obj));
}

static const Property virtio_serial_props[] = {
    DEFINE_PROP_UINT32("max_ports", VirtIOSerial, max_ports,
                       VIRTIO_SERIAL_MAX_PORTS),
    DEFINE_PROP_BOOL("emergency-write", VirtIOSerial, emergency_write, true),
    DEFINE_PROP_END_OF_LIST(),
};

static void virtio_serial_class_init(ObjectClass *oc, void *data)
{
    DeviceClass *dc = DEVICE_CLASS(oc);
    VirtioDeviceClass *vdc = VIRTIO_DEVICE_CLASS(oc);

    dc->desc = "virtio serial ports and consoles";
    dc->user_creatable = true;
    dc->category = DEVICE_CATEGORY_INPUT;
    device_class_set_props(dc, virtio_serial_props);
    vdc->realize = virtio_serial_realize;
    vdc->unrealize = virtio_serial_unrealize;
    vdc->get_features = virtio_serial_get_features;
    vdc->get_config = virtio_serial_get_config;
    vdc->set_config = virtio_serial_set_config;
    vdc->set_status = virtio_serial_set_status;
    vdc->reset = virtio_serial_reset;
}

static const TypeInfo virtio_serial_info = {
    .name = TYPE_VIRTIO_SERIAL,
    .parent = TYPE_VIRTIO_DEVICE,
    .instance_size = sizeof(VirtIOSerial),
    .instance_init = virtio_serial_instance_init,
    .instance_finalize = virtio_serial_instance_finalize,
    .class_init = virtio_serial_class_init,
};

static void virtio_serial_register_types(void)
{
    type_register_static(&virtio_serial_info);
}

type_init(virtio_serial_register_types)
