/*
 * Devices: objects with properties, realize/reset, and named GPIO lines.
 */
#ifndef HW_QDEV_CORE_H
#define HW_QDEV_CORE_H

#include "qemu/osdep.h"
#include "qom/object.h"
#include "hw/irq.h"

#define TYPE_DEVICE "device"
OBJECT_DECLARE_TYPE(DeviceState, DeviceClass, DEVICE)

typedef struct NamedGPIOList {
    char *name;   /* NULL for the unnamed list */
    qemu_irq *in; /* inputs: allocated lines */
    int num_in;
    qemu_irq **out; /* outputs: pointers to the device's qemu_irq fields */
    int num_out;
} NamedGPIOList;

struct DeviceState {
    Object parent_obj;
    char *id; /* -device id=, or NULL */
    bool realized;
    GPtrArray *gpios; /* NamedGPIOList * */
};

/* `-device help` groups devices under QEMU's headings, in this order. */
typedef enum DeviceCategory {
    DEVICE_CATEGORY_UNCATEGORIZED, /* listed last */
    DEVICE_CATEGORY_BRIDGE,
    DEVICE_CATEGORY_USB,
    DEVICE_CATEGORY_STORAGE,
    DEVICE_CATEGORY_NETWORK,
    DEVICE_CATEGORY_INPUT,
    DEVICE_CATEGORY_DISPLAY,
    DEVICE_CATEGORY_SOUND,
    DEVICE_CATEGORY_MISC,
    DEVICE_CATEGORY_CPU,
    DEVICE_CATEGORY_WATCHDOG,
    DEVICE_CATEGORY_MAX
} DeviceCategory;

struct DeviceClass {
    ObjectClass parent_class;
    const char *desc;
    DeviceCategory category;
    bool user_creatable; /* may be created with -device */
    /*
     * A -device that plugs into another device's bus rather than a
     * virtio-mmio transport (e.g. "virtio-serial-bus"); its realize finds
     * the bus. NULL for virtio devices.
     */
    const char *bus_type;
    void (*realize)(DeviceState *dev, GError **errp);
    void (*unrealize)(DeviceState *dev);
    /* Return to the power-on state; no memory is allocated here. */
    void (*reset)(DeviceState *dev);
};

bool qdev_realize(DeviceState *dev, GError **errp);
void device_class_set_props(DeviceClass *dc, const Property *props);

void qdev_init_gpio_in(DeviceState *dev, qemu_irq_handler handler, int n);
void qdev_init_gpio_in_named(DeviceState *dev, qemu_irq_handler handler,
                             const char *name, int n);
void qdev_init_gpio_out(DeviceState *dev, qemu_irq *pins, int n);
void qdev_init_gpio_out_named(DeviceState *dev, qemu_irq *pins,
                              const char *name, int n);
qemu_irq qdev_get_gpio_in(DeviceState *dev, int n);
qemu_irq qdev_get_gpio_in_named(DeviceState *dev, const char *name, int n);
void qdev_connect_gpio_out(DeviceState *dev, int n, qemu_irq irq);
void qdev_connect_gpio_out_named(DeviceState *dev, const char *name, int n,
                                 qemu_irq irq);
NamedGPIOList *qdev_get_named_gpio_list(DeviceState *dev, const char *name);

/* Reset every realized device in the composition tree, depth first. */
void qdev_reset_all(Object *root);
void device_cold_reset(DeviceState *dev);

#endif
