#!/usr/bin/env python3
"""Generate the QMP command table and query-qmp-schema's reply from one
description, qapi/qmp-schema.json (format: docs/qmp.md).

    qapi-gen.py SCHEMA OUT.c OUT.h

OUT.h declares every command's handler (qmp_ + the name, '-' as '_',
qmp_capabilities as is);
OUT.c holds the argument tables the dispatcher checks requests against,
the command table, and the introspection text (QEMU's SchemaInfo list).
"""
import json
import sys

# Built-in types: name -> (SchemaInfo json-type, dispatcher QmpArgType).
BUILTINS = {
    'str': ('string', 'QMP_ARG_STRING'),
    'int': ('int', 'QMP_ARG_INT'),
    'uint64': ('int', 'QMP_ARG_INT'),
    'size': ('int', 'QMP_ARG_INT'),
    'number': ('number', 'QMP_ARG_NUMBER'),
    'bool': ('boolean', 'QMP_ARG_BOOL'),
    'null': ('null', 'QMP_ARG_ANY'),
    'any': ('value', 'QMP_ARG_ANY'),
}


class SchemaError(Exception):
    pass


def members(spec):
    """[(name, type, optional)] of a {"*name": type} mapping."""
    return [(k.lstrip('*'), v, k.startswith('*')) for k, v in spec.items()]


class Schema:
    def __init__(self, doc):
        self.types = doc['types']
        self.commands = doc['commands']
        self.events = doc.get('events', [])
        self.infos = []   # SchemaInfo entries, in emission order
        self.emitted = set()
        self.check()

    def check(self):
        seen = set()
        for c in self.commands + self.events:
            if c['name'] in seen:
                raise SchemaError('%s is defined twice' % c['name'])
            seen.add(c['name'])
            for _, t, _ in members(c.get('data', {})):
                self.resolve(t, c['name'])
            if 'returns' in c:
                self.resolve(c['returns'], c['name'])
        for name, t in self.types.items():
            for _, m, _ in members(t.get('members', {})):
                self.resolve(m, name)

    def resolve(self, t, where):
        if isinstance(t, list):
            if len(t) != 1:
                raise SchemaError('%s: an array type has one element' % where)
            return self.resolve(t[0], where)
        if t not in BUILTINS and t not in self.types:
            raise SchemaError('%s: unknown type %s' % (where, t))
        return t

    # ---- introspection ----

    def type_ref(self, t):
        """The SchemaInfo name of t, emitting its entry (and its parts')."""
        if isinstance(t, list):
            elem = self.type_ref(t[0])
            name = '[%s]' % elem
            self.emit(name, {'meta-type': 'array', 'element-type': elem})
            return name
        if t in BUILTINS:
            self.emit(t, {'meta-type': 'builtin', 'json-type': BUILTINS[t][0]})
            return t
        spec = self.types[t]
        if 'enum' in spec:
            self.emit(t, {'meta-type': 'enum', 'values': spec['enum'],
                          'members': [{'name': v} for v in spec['enum']]})
        else:
            self.object_type(t, spec.get('members', {}))
        return t

    def object_type(self, name, spec):
        if name in self.emitted:
            return name
        self.emitted.add(name)  # before members: types may refer to themselves
        info = {'name': name, 'meta-type': 'object', 'members': []}
        self.infos.append(info)
        for m, t, optional in members(spec):
            entry = {'name': m, 'type': self.type_ref(t)}
            if optional:
                entry['default'] = None
            info['members'].append(entry)
        return name

    def emit(self, name, info):
        if name not in self.emitted:
            self.emitted.add(name)
            self.infos.append(dict(name=name, **info))

    def introspection(self):
        for c in self.commands:
            info = {'name': c['name'], 'meta-type': 'command'}
            self.infos.append(info)
            info['arg-type'] = self.object_type(
                c['name'] + '-arg', c['data']) if c.get('data') else \
                self.object_type('q_empty', {})
            info['ret-type'] = self.type_ref(c['returns']) \
                if 'returns' in c else self.object_type('q_empty', {})
        for e in self.events:
            info = {'name': e['name'], 'meta-type': 'event'}
            self.infos.append(info)
            info['arg-type'] = self.object_type(
                e['name'] + '-data', e['data']) if e.get('data') else \
                self.object_type('q_empty', {})
        return self.infos

    # ---- the dispatcher's tables ----

    def arg_type(self, t):
        if isinstance(t, list):
            return 'QMP_ARG_ARRAY', None
        if t in BUILTINS:
            return BUILTINS[t][1], None
        if 'enum' in self.types[t]:
            return 'QMP_ARG_STRING', t
        return 'QMP_ARG_OBJECT', None


def c_string(s):
    return '"%s"' % s.replace('\\', '\\\\').replace('"', '\\"')


def handler(name):
    name = name.replace('-', '_')
    return name if name.startswith('qmp_') else 'qmp_' + name


def gen_header(schema):
    out = ['/* Generated by scripts/qapi-gen.py from qapi/qmp-schema.json. */',
           '#ifndef QMP_COMMANDS_GEN_H', '#define QMP_COMMANDS_GEN_H', '',
           '#include "monitor/qmp-cmds.h"', '']
    for c in schema.commands:
        out.append('JsonNode *%s(JsonObject *args, GError **errp);'
                   % handler(c['name']))
    out += ['', '#endif', '']
    return '\n'.join(out)


def gen_source(schema, header_name):
    out = ['/* Generated by scripts/qapi-gen.py from qapi/qmp-schema.json. */',
           '#include "qemu/osdep.h"', '#include "%s"' % header_name, '']
    enums = set()
    for c in schema.commands:
        for _, t, _ in members(c.get('data', {})):
            enums.add(schema.arg_type(t)[1])
    for e in sorted(x for x in enums if x):
        values = ', '.join(c_string(v) for v in schema.types[e]['enum'])
        out.append('static const char *const enum_%s[] = { %s, NULL };'
                   % (e, values))
    out.append('')
    for c in schema.commands:
        if not c.get('data'):
            continue
        out.append('static const QmpArg args_%s[] = {' % handler(c['name']))
        for m, t, optional in members(c['data']):
            kind, enum = schema.arg_type(t)
            out.append('    { %s, %s, %s, %s },' % (
                c_string(m), kind, 'true' if optional else 'false',
                'enum_' + enum if enum else 'NULL'))
        out += ['    { NULL },', '};', '']
    out.append('const QmpCommand qmp_gen_commands[] = {')
    for c in schema.commands:
        out.append('    { %s, %s, %s },' % (
            c_string(c['name']), handler(c['name']),
            'args_' + handler(c['name']) if c.get('data') else 'NULL'))
    out += ['};', '',
            'const size_t qmp_gen_command_count = %d;' % len(schema.commands),
            '']
    text = json.dumps(schema.introspection(), separators=(',', ':'))
    out.append('const char qmp_gen_schema_json[] =')
    for i in range(0, len(text), 70):
        out.append('    %s' % c_string(text[i:i + 70]))
    out += ['    ;', '']
    return '\n'.join(out)


def main():
    src, out_c, out_h = sys.argv[1:4]
    with open(src) as f:
        try:
            schema = Schema(json.load(f))
        except (SchemaError, KeyError, ValueError) as e:
            sys.exit('%s: %s' % (src, e))
    with open(out_h, 'w') as f:
        f.write(gen_header(schema))
    with open(out_c, 'w') as f:
        f.write(gen_source(schema, out_h.split('/')[-1]))


if __name__ == '__main__':
    main()
