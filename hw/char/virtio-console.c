/*
 * The ports of a virtio-serial-device: `virtserialport` and `virtconsole`
 * (QEMU's names; properties chardev=, name=, nr=, bus=). A port moves the
 * bytes of its transmitq to its chardev and the chardev's input into its
 * receiveq buffers.
 *
 * Flow control: when the chardev takes no more, the port keeps the
 * transmit buffer it is in the middle of and takes nothing more from the
 * queue until the chardev has room (the driver sees its buffers unused and
 * waits). Input is read from the chardev only while the driver has the
 * port open and a receive buffer posted.
 *
 * A virtconsole is always connected on the host side (hvc needs no
 * handshake), as in QEMU; a virtserialport follows its chardev's
 * connection (PORT_OPEN to the driver on connect and disconnect).
 */
#include "qemu/osdep.h"
#include "qemu/log.h"
#include "hw/char/virtio-serial.h"

#define OUT_CHUNK 4096

static VirtIODevice *port_vdev(VirtIOSerialPort *port)
{
    return VIRTIO_DEVICE(port->vser);
}

static bool device_running(VirtIOSerialPort *port)
{
    VirtIODevice *vdev = port_vdev(port);

    return (vdev->status & VIRTIO_CONFIG_S_DRIVER_OK) && !vdev->broken;
}

/* Guest to host */

static gboolean port_out_ready(gint fd, GIOCondition cond, gpointer opaque)
{
    VirtIOSerialPort *port = opaque;

    port->out_watch = 0;
    virtio_serial_port_flush_out(port);
    return G_SOURCE_REMOVE;
}

/* Write what the chardev takes of port->out; false if it is full. */
static bool port_write_some(VirtIOSerialPort *port)
{
    uint8_t buf[OUT_CHUNK];
    uint64_t n = MIN(port->out->out_len - port->out_off, sizeof(buf));
    int w;

    if (virtqueue_elem_read(port_vdev(port), port->out, port->out_off, buf, n) <
        0) {
        return false;
    }
    w = qemu_chr_fe_write(&port->chr, buf, n);
    if (w < 0) {
        w = n; /* the host side failed: the data is lost, go on */
    }
    port->out_off += w;
    if ((uint64_t)w < n) {
        port->out_watch =
            qemu_chr_fe_add_out_watch(&port->chr, port_out_ready, port);
        return false;
    }
    return true;
}

void virtio_serial_port_flush_out(VirtIOSerialPort *port)
{
    VirtIODevice *vdev = port_vdev(port);
    bool pushed = false;

    while (!port->out_watch && device_running(port)) {
        if (!port->out) {
            port->out = virtqueue_pop(port->ovq);
            port->out_off = 0;
            if (!port->out) {
                break;
            }
        }
        if (port->out_off < port->out->out_len) {
            if (!port_write_some(port)) {
                break;
            }
            continue;
        }
        virtqueue_push(port->ovq, port->out, 0);
        port->out = NULL;
        pushed = true;
    }
    if (vdev->broken && port->out) {
        virtqueue_elem_free(port->out);
        port->out = NULL;
    }
    if (pushed) {
        virtio_notify(vdev, port->ovq);
    }
}

/* Host to guest */

static bool port_takes_input(VirtIOSerialPort *port)
{
    return port->vser && device_running(port) && port->guest_connected;
}

/* Hold the next receive buffer with room in it; false if there is none. */
static bool port_get_in(VirtIOSerialPort *port)
{
    while (!port->in) {
        port->in = virtqueue_pop(port->ivq);
        if (!port->in) {
            return false;
        }
        if (port->in->in_len == 0) {
            qemu_log_mask(LOG_GUEST_ERROR,
                          "%s: port %u: receive buffer with no writable "
                          "part\n",
                          port_vdev(port)->name, port->id);
            virtqueue_push(port->ivq, port->in, 0);
            virtio_notify(port_vdev(port), port->ivq);
            port->in = NULL;
        }
    }
    return true;
}

static int port_can_read(void *opaque)
{
    VirtIOSerialPort *port = opaque;

    if (!port_takes_input(port) || !port_get_in(port)) {
        return 0;
    }
    return MIN(port->in->in_len, INT_MAX);
}

static void port_read(void *opaque, const uint8_t *buf, int size)
{
    VirtIOSerialPort *port = opaque;
    VirtIODevice *vdev = port_vdev(port);
    bool pushed = false;

    while (size > 0 && port_takes_input(port) && port_get_in(port)) {
        int n = MIN((uint64_t)size, port->in->in_len);

        if (virtqueue_elem_write(vdev, port->in, 0, buf, n) < 0) {
            virtqueue_elem_free(port->in);
            port->in = NULL;
            return;
        }
        virtqueue_push(port->ivq, port->in, n);
        port->in = NULL;
        pushed = true;
        buf += n;
        size -= n;
    }
    if (pushed) {
        virtio_notify(vdev, port->ivq);
    }
}

void virtio_serial_port_input_ready(VirtIOSerialPort *port)
{
    /* Take (and check) a buffer now: a chardev may never ask. */
    if (port_takes_input(port)) {
        port_get_in(port);
    }
    qemu_chr_fe_accept_input(&port->chr);
}

/* The driver opened or closed the port (PORT_OPEN, 5.3.6.2). */
void virtio_serial_port_set_guest_open(VirtIOSerialPort *port, bool open)
{
    port->guest_connected = open;
    if (open) {
        qemu_chr_fe_accept_input(&port->chr);
        virtio_serial_port_flush_out(port);
    }
}

static void port_event(void *opaque, QEMUChrEvent event)
{
    VirtIOSerialPort *port = opaque;

    if (event != CHR_EVENT_OPENED && event != CHR_EVENT_CLOSED) {
        return;
    }
    port->host_connected = event == CHR_EVENT_OPENED;
    if (port->vser) {
        virtio_serial_send_event(port->vser, port->id, VIRTIO_CONSOLE_PORT_OPEN,
                                 port->host_connected);
    }
}

void virtio_serial_port_reset(VirtIOSerialPort *port)
{
    if (port->out_watch) {
        g_source_remove(port->out_watch);
        port->out_watch = 0;
    }
    /* The queues are reset with the device: the buffers are not ours. */
    virtqueue_elem_free(port->in);
    port->in = NULL;
    virtqueue_elem_free(port->out);
    port->out = NULL;
    port->guest_connected = false;
}

/* The device */

static void port_realize(DeviceState *dev, GError **errp)
{
    VirtIOSerialPort *port = VIRTIO_SERIAL_PORT(dev);
    VirtIOSerial *vser =
        virtio_serial_find(port->bus, object_get_typename(OBJECT(dev)), errp);

    port->is_console =
        object_dynamic_cast(OBJECT(dev), TYPE_VIRTIO_CONSOLE) != NULL;
    if (!vser || !virtio_serial_plug(vser, port, errp)) {
        return;
    }
    if (port->is_console) {
        port->host_connected = true;
        qemu_chr_fe_set_handlers(&port->chr, port_can_read, port_read, NULL,
                                 port);
    } else {
        qemu_chr_fe_set_handlers(&port->chr, port_can_read, port_read,
                                 port_event, port);
    }
}

static void port_instance_finalize(Object *obj)
{
    VirtIOSerialPort *port = VIRTIO_SERIAL_PORT(obj);

    if (port->out_watch) {
        g_source_remove(port->out_watch);
    }
    virtqueue_elem_free(port->in);
    virtqueue_elem_free(port->out);
}

static const Property port_props[] = {
    DEFINE_PROP_CHR("chardev", VirtIOSerialPort, chr),
    DEFINE_PROP_STRING("name", VirtIOSerialPort, name),
    DEFINE_PROP_UINT32("nr", VirtIOSerialPort, id, VIRTIO_SERIAL_BAD_ID),
    DEFINE_PROP_STRING("bus", VirtIOSerialPort, bus),
    DEFINE_PROP_END_OF_LIST(),
};

static void port_class_init(ObjectClass *oc, void *data)
{
    DeviceClass *dc = DEVICE_CLASS(oc);

    dc->desc = "virtio serial port";
    dc->user_creatable = true;
    dc->category = DEVICE_CATEGORY_INPUT;
    dc->bus_type = VIRTIO_SERIAL_BUS_NAME;
    dc->realize = port_realize;
    device_class_set_props(dc, port_props);
}

static void console_class_init(ObjectClass *oc, void *data)
{
    DEVICE_CLASS(oc)->desc = "virtio console (hvc)";
}

static const TypeInfo port_info = {
    .name = TYPE_VIRTIO_SERIAL_PORT,
    .parent = TYPE_DEVICE,
    .instance_size = sizeof(VirtIOSerialPort),
    .instance_finalize = port_instance_finalize,
    .class_init = port_class_init,
};

static const TypeInfo console_info = {
    .name = TYPE_VIRTIO_CONSOLE,
    .parent = TYPE_VIRTIO_SERIAL_PORT,
    .instance_size = sizeof(VirtIOSerialPort),
    .class_init = console_class_init,
};

static void virtio_console_register_types(void)
{
    type_register_static(&port_info);
    type_register_static(&console_info);
}

type_init(virtio_console_register_types)
