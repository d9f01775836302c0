#!/usr/bin/env python3
# random_printf.py: random printf cases for exec_cases.txt's format: format strings of random
# flags, widths, precisions (also `*` and [n] indexes) and verbs over operands of every type of the
# "main" data set. Go records what they print (goexec), celm must print the same.
#   random_printf.py SEED COUNT > cases.txt
# Times and *main.T objects are left out: for verbs other than v, s, q, x, X Go prints their struct
# fields, which celm's objects do not expose.
import random
import sys


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


VERBS = list('vdbocxXqUeEfFgGstTwO%') + ['z', '\u00e9']
FLAGS = '#+- 0'
OPERANDS = ['.int', '.int64', '.float', '.whole', '.big', '.neg', '.str', '.empty', '.true', 'nil', '.list',
            '.strs', '.ints', '.map', '.smap', '.bytes', '.u8', '.u32', '.u64', '.i32', '.unicode', '.ctrl',
            '.floats', '.emptyList', '.nested', '.vset', '.vals', '0', '1', '-1', '2', '4', '255', '3.5', '1e21',
            '1e-7', '"x"', "'a'", '100000.0', '0.000012345', '123456789.0', '-0.5', '.missing']


def directive(rng):
    text = '%' + ''.join(rng.choice(FLAGS) for _ in range(rng.choice([0, 0, 1, 2])))
    roll = rng.random()
    if roll < 0.3:
        text += str(rng.randint(0, 12))
    elif roll < 0.35:
        text += '*'
    if rng.random() < 0.3:
        text += '.'
        roll = rng.random()
        text += str(rng.randint(0, 8)) if roll < 0.8 else '*' if roll < 0.9 else ''
    if rng.random() < 0.05:
        text += '[%d]' % rng.randint(0, 3)
    return text + rng.choice(VERBS)


def main():
    seed, count = int(sys.argv[1]), int(sys.argv[2])
    rng = random.Random(seed)
    print('# random printf cases, seed %d' % seed)
    for i in range(count):
        pieces = [rng.choice([directive(rng), directive(rng), 'x', ' ', '|']) for _ in range(rng.randint(1, 4))]
        operands = [rng.choice(OPERANDS) for _ in range(rng.randint(0, 4))]
        template = '{{printf %s %s}}' % (go_quote(''.join(pieces)), ' '.join(operands))
        print('== random printf %d-%d' % (seed, i))
        print('template: ' + go_quote(template))


main()
