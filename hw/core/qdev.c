/*
 * Devices: realize, reset, GPIO lines.
 */
#include "qemu/osdep.h"
#include "hw/qdev-core.h"

void device_class_set_props(DeviceClass *dc, const Property *props)
{
    object_class_add_props(OBJECT_CLASS(dc), props);
}

bool qdev_realize(DeviceState *dev, GError **errp)
{
    DeviceClass *dc = DEVICE_GET_CLASS(dev);
    GError *err = NULL;

    g_assert(!dev->realized);
    if (dc->realize) {
        dc->realize(dev, &err);
        if (err) {
            g_propagate_error(errp, err);
            return false;
        }
    }
    dev->realized = true;
    device_cold_reset(dev);
    return true;
}

void device_cold_reset(DeviceState *dev)
{
    DeviceClass *dc = DEVICE_GET_CLASS(dev);

    if (dc->reset) {
        dc->reset(dev);
    }
}

static int reset_child(Object *child, void *opaque)
{
    qdev_reset_all(child);
    return 0;
}

void qdev_reset_all(Object *root)
{
    DeviceState *dev = (DeviceState *)object_dynamic_cast(root, TYPE_DEVICE);

    object_child_foreach(root, reset_child, NULL);
    if (dev && dev->realized) {
        device_cold_reset(dev);
    }
}

NamedGPIOList *qdev_get_named_gpio_list(DeviceState *dev, const char *name)
{
    NamedGPIOList *ngl;

    for (guint i = 0; i < dev->gpios->len; i++) {
        ngl = dev->gpios->pdata[i];
        if (g_strcmp0(ngl->name, name) == 0) {
            return ngl;
        }
    }
    ngl = g_new0(NamedGPIOList, 1);
    ngl->name = g_strdup(name);
    g_ptr_array_add(dev->gpios, ngl);
    return ngl;
}

void qdev_init_gpio_in_named(DeviceState *dev, qemu_irq_handler handler,
                             const char *name, int n)
{
    NamedGPIOList *ngl = qdev_get_named_gpio_list(dev, name);

    ngl->in = g_renew(qemu_irq, ngl->in, ngl->num_in + n);
    for (int i = 0; i < n; i++) {
        ngl->in[ngl->num_in + i] =
            qemu_allocate_irq(handler, dev, ngl->num_in + i);
    }
    ngl->num_in += n;
}

void qdev_init_gpio_in(DeviceState *dev, qemu_irq_handler handler, int n)
{
    qdev_init_gpio_in_named(dev, handler, NULL, n);
}

void qdev_init_gpio_out_named(DeviceState *dev, qemu_irq *pins,
                              const char *name, int n)
{
    NamedGPIOList *ngl = qdev_get_named_gpio_list(dev, name);

    ngl->out = g_renew(qemu_irq *, ngl->out, ngl->num_out + n);
    for (int i = 0; i < n; i++) {
        ngl->out[ngl->num_out + i] = &pins[i];
    }
    ngl->num_out += n;
}

void qdev_init_gpio_out(DeviceState *dev, qemu_irq *pins, int n)
{
    qdev_init_gpio_out_named(dev, pins, NULL, n);
}

qemu_irq qdev_get_gpio_in_named(DeviceState *dev, const char *name, int n)
{
    NamedGPIOList *ngl = qdev_get_named_gpio_list(dev, name);

    g_assert(n >= 0 && n < ngl->num_in);
    return ngl->in[n];
}

qemu_irq qdev_get_gpio_in(DeviceState *dev, int n)
{
    return qdev_get_gpio_in_named(dev, NULL, n);
}

void qdev_connect_gpio_out_named(DeviceState *dev, const char *name, int n,
                                 qemu_irq irq)
{
    NamedGPIOList *ngl = qdev_get_named_gpio_list(dev, name);

    g_assert(n >= 0 && n < ngl->num_out);
    *ngl->out[n] = irq;
}

void qdev_connect_gpio_out(DeviceState *dev, int n, qemu_irq irq)
{
    qdev_connect_gpio_out_named(dev, NULL, n, irq);
}

static void device_initfn(Object *obj)
{
    DeviceState *dev = DEVICE(obj);

    dev->gpios = g_ptr_array_new();
}

static void device_finalize(Object *obj)
{
    DeviceState *dev = DEVICE(obj);

    for (guint i = 0; i < dev->gpios->len; i++) {
        NamedGPIOList *ngl = dev->gpios->pdata[i];

        for (int j = 0; j < ngl->num_in; j++) {
            qemu_free_irq(ngl->in[j]);
        }
        g_free(ngl->in);
        g_free(ngl->out);
        g_free(ngl->name);
        g_free(ngl);
    }
    g_ptr_array_free(dev->gpios, TRUE);
    g_free(dev->id);
}

static const TypeInfo device_type_info = {
    .name = TYPE_DEVICE,
    .parent = TYPE_OBJECT,
    .instance_size = sizeof(DeviceState),
    .instance_init = device_initfn,
    .instance_finalize = device_finalize,
    .abstract = true,
    .class_size = sizeof(DeviceClass),
};

static void qdev_register_types(void)
{
    type_register_static(&device_type_info);
}

type_init(qdev_register_types)
