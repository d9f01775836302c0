#!/usr/bin/env python3
# random_templates.py: random templates for exec_cases.txt's format: actions, if/with/range,
# variables, field chains, builtins and the test functions of goexec/data.go over the "main" data
# set, nested at random. Most are errors of some kind; Go and celm must agree on every byte.
#   random_templates.py SEED COUNT > cases.txt
import random
import sys

FIELDS = ['.str', '.empty', '.int', '.int64', '.float', '.whole', '.neg', '.true', '.false', '.nil', '.list',
          '.strs', '.ints', '.emptyList', '.map', '.map.a', '.map.b', '.map.c', '.map.nested', '.map.nested.deep',
          '.map.zz', '.smap', '.smap.k', '.smap.zz', '.emptyMap', '.bytes', '.u32', '.i32', 
          '.obj.Name', '.obj.Count', '.obj.Nope', '.missing', '.missing.x', '.str.x', '.listmap',
          '.nested', '.vset', '.vals', '.vals.a', '.vals.Size', '.time', '.time.IsZero', '.floats', '.quote']
CONSTANTS = ['0', '1', '-1', '2', '3', '1.5', '2.0', '"a"', '"hello"', '""', 'true', 'false', 'nil', "'x'", '0x10']
FUNCTIONS = {  # name: (minimum, maximum) argument count
    'len': (1, 1), 'index': (1, 3), 'slice': (1, 3), 'eq': (1, 3), 'ne': (2, 2), 'lt': (2, 2), 'le': (2, 2),
    'gt': (2, 2), 'ge': (2, 2), 'and': (1, 3), 'or': (1, 3), 'not': (1, 1), 'print': (0, 3), 'println': (0, 2),
    'printf': (1, 3), 'html': (1, 2), 'js': (1, 2), 'urlquery': (1, 2), 'call': (1, 2), 'toInt': (1, 1),
    'toFloat': (1, 1), 'toStr': (1, 1), 'toBool': (1, 1), 'toUint8': (1, 1), 'mapArg': (1, 1),
    'listArg': (1, 1), 'strsArg': (1, 1), 'anyArg': (1, 1), 'variadic': (1, 3), 'varAny': (0, 3),
    'failsWith': (1, 1), 'echo': (1, 1), 'twoInts': (2, 2), 'nilAny': (0, 0), 'anyList': (0, 0),
    'mkmap': (0, 0)}


class Generator:
    def __init__(self, rng):
        self.rng = rng
        self.variables = ['$']

    def operand(self, depth):
        roll = self.rng.random()
        if roll < 0.4:
            return self.rng.choice(FIELDS)
        if roll < 0.55:
            return self.rng.choice(CONSTANTS)
        if roll < 0.65:
            variable = self.rng.choice(self.variables)
            return variable + self.rng.choice(['', '', '.str', '.map.b', '.x'])
        if roll < 0.7:
            return '.'
        if depth > 2:
            return self.rng.choice(FIELDS)
        return '(' + self.pipeline(depth + 1) + ')' + self.rng.choice(['', '', '', '.b', '.Name', '.k'])

    def command(self, depth, piped):
        if self.rng.random() < 0.35 and not piped:
            return self.operand(depth)
        name = self.rng.choice(sorted(FUNCTIONS))
        low, high = FUNCTIONS[name]
        count = self.rng.randint(max(low - piped, 0), max(high - piped, 0))
        if name == 'printf' and count and self.rng.random() < 0.7:
            return 'printf ' + self.rng.choice(['"%v"', '"%s-%v"', '"%q"', '"%T"', '"%6v"', '"%x %v"']) + ''.join(
                ' ' + self.operand(depth) for _ in range(count - 1))
        return ' '.join([name] + [self.operand(depth) for _ in range(count)])

    def pipeline(self, depth):
        commands = [self.command(depth, 0)]
        for _ in range(self.rng.choice([0, 0, 1, 2])):
            commands.append(self.command(depth, 1))
        return ' | '.join(commands)

    def node(self, depth):
        roll = self.rng.random()
        if roll < 0.45 or depth > 2:
            if self.rng.random() < 0.15:
                name = '$v%d' % len(self.variables)
                self.variables.append(name)
                return '{{%s := %s}}' % (name, self.pipeline(0))
            return '{{%s}}' % self.pipeline(0)
        if roll < 0.55:
            return self.rng.choice(['x', ' ', '\n', '-'])
        keyword = self.rng.choice(['if', 'with', 'range', 'range'])
        saved = list(self.variables)
        head = self.pipeline(0)
        if keyword == 'range' and self.rng.random() < 0.4:
            head = '$k%d, $e%d := %s' % (depth, depth, head)
            self.variables += ['$k%d' % depth, '$e%d' % depth]
        body = self.body(depth + 1)
        other = '{{else}}' + self.body(depth + 1) if self.rng.random() < 0.3 else ''
        self.variables = saved
        return '{{%s %s}}%s%s{{end}}' % (keyword, head, body, other)

    def body(self, depth):
        return ''.join(self.node(depth) for _ in range(self.rng.randint(1, 3)))


def go_quote(text):
    out = '"'
    for ch in text:
        code = ord(ch)
        if ch in '"\\':
            out += '\\' + ch
        elif ch == '\n':
            out += '\\n'
        elif code < 0x20 or code == 0x7F:
            out += '\\x%02x' % code
        else:
            out += ch
    return out + '"'


def main():
    seed, count = int(sys.argv[1]), int(sys.argv[2])
    rng = random.Random(seed)
    print('# random templates, seed %d' % seed)
    for i in range(count):
        template = Generator(rng).body(0)
        print('== random template %d-%d' % (seed, i))
        print('template: ' + go_quote(template))
        if rng.random() < 0.2:
            print('missingkey: error')


main()
