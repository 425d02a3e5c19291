/*
 * virtio-serial-device (virtio 1.2 section 5.3, the "console" device) and
 * the ports plugged into it: virtserialport and virtconsole, with QEMU's
 * names and properties.
 *
 * The device (hw/char/virtio-serial-bus.c) owns the queues and speaks the
 * MULTIPORT control protocol; each port (hw/char/virtio-console.c) moves
 * bytes between its queue pair and a chardev.
 */
#ifndef HW_CHAR_VIRTIO_SERIAL_H
#define HW_CHAR_VIRTIO_SERIAL_H

#include "hw/virtio/virtio.h"
#include "chardev/char.h"

#define TYPE_VIRTIO_SERIAL "virtio-serial-device"
OBJECT_DECLARE_SIMPLE_TYPE(VirtIOSerial, VIRTIO_SERIAL)
#define TYPE_VIRTIO_SERIAL_PORT "virtserialport"
#define TYPE_VIRTIO_CONSOLE     "virtconsole"
OBJECT_DECLARE_SIMPLE_TYPE(VirtIOSerialPort, VIRTIO_SERIAL_PORT)

/* What QEMU calls the bus the ports plug into (for error messages). */
#define VIRTIO_SERIAL_BUS_NAME "virtio-serial-bus"

/* Ports per device: two queues each plus the control pair fit in 64. */
#define VIRTIO_SERIAL_MAX_PORTS ((VIRTIO_QUEUE_MAX / 2) - 1)
#define VIRTIO_SERIAL_BAD_ID    UINT32_MAX

struct VirtIOSerialPort {
    DeviceState parent_obj;
    CharBackend chr; /* chardev= */
    char *name;      /* name= */
    uint32_t id;     /* nr= (VIRTIO_SERIAL_BAD_ID: the next free one) */
    char *bus;       /* bus=ID.0: the device's id, or any device */
    bool is_console;
    VirtIOSerial *vser;
    VirtQueue *ivq, *ovq;  /* receiveq (to the driver), transmitq */
    bool host_connected;   /* the chardev has a peer */
    bool guest_connected;  /* the driver opened the port (PORT_OPEN) */
    VirtQueueElement *in;  /* receive buffer held for the chardev */
    VirtQueueElement *out; /* transmit buffer partly written */
    uint64_t out_off;      /* bytes of out already written */
    guint out_watch;       /* waiting for the chardev to take more */
};

struct VirtIOSerial {
    VirtIODevice parent_obj;
    uint32_t max_ports;   /* max_ports= */
    bool emergency_write; /* emergency-write= */
    VirtQueue *c_ivq, *c_ovq;
    VirtIOSerialPort *ports[VIRTIO_SERIAL_MAX_PORTS];
    GQueue ctrl_pending; /* GByteArray control messages for the driver */
};

/* The ports' side of the device (virtio-serial-bus.c). */
bool virtio_serial_plug(VirtIOSerial *vser, VirtIOSerialPort *port,
                        GError **errp);
/*
 * The device a port of QOM type `type` plugs into: bus=ID.0 names it, else
 * the first with a free port.
 */
VirtIOSerial *virtio_serial_find(const char *bus, const char *type,
                                 GError **errp);
/* Send a control event about port (MULTIPORT only). */
void virtio_serial_send_event(VirtIOSerial *vser, uint32_t id, uint16_t event,
                              uint16_t value);
bool virtio_serial_multiport(VirtIOSerial *vser);

/* The device's side of a port (virtio-console.c). */
void virtio_serial_port_flush_out(VirtIOSerialPort *port);
void virtio_serial_port_input_ready(VirtIOSerialPort *port);
void virtio_serial_port_reset(VirtIOSerialPort *port);
void virtio_serial_port_set_guest_open(VirtIOSerialPort *port, bool open);

/* Control events (virtio 1.2, 5.3.6.2). */
enum {
    VIRTIO_CONSOLE_DEVICE_READY = 0,
    VIRTIO_CONSOLE_DEVICE_ADD = 1,
    VIRTIO_CONSOLE_DEVICE_REMOVE = 2,
    VIRTIO_CONSOLE_PORT_READY = 3,
    VIRTIO_CONSOLE_CONSOLE_PORT = 4,
    VIRTIO_CONSOLE_RESIZE = 5,
    VIRTIO_CONSOLE_PORT_OPEN = 6,
    VIRTIO_CONSOLE_PORT_NAME = 7,
};

#endif
