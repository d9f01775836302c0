# random_cases.py: writes random template inputs in parse_cases.txt syntax, for comparing celm's
# parser with Go's on inputs nobody wrote by hand: half near-valid templates built from the
# grammar, half token soup with bytes dropped or inserted.
#   python3 random_cases.py SEED COUNT > cases.txt
import random
import sys


def go_quote(data):
    """Go's strconv.Quote of bytes (printable runes kept, the rest escaped)."""
    out = ['"']
    i = 0
    while i < len(data):
        c = data[i]
        simple = {0x22: '\\"', 0x5c: '\\\\', 0x0a: '\\n', 0x09: '\\t', 0x0d: '\\r'}
        if c in simple:
            out.append(simple[c])
            i += 1
        elif 0x20 <= c < 0x7f:
            out.append(chr(c))
            i += 1
        elif c < 0x80:
            out.append('\\x%02x' % c)
            i += 1
        else:
            for width in (4, 3, 2):
                try:
                    rune = data[i:i + width].decode('utf-8')
                except UnicodeDecodeError:
                    continue
                if len(rune) == 1:
                    out.append(rune if rune.isprintable() else '\\u%04x' % ord(rune))
                    i += width
                    break
            else:
                out.append('\\x%02x' % c)
                i += 1
    out.append('"')
    return ''.join(out)


OPERANDS = ['.X', '.Values.a.b', '.', 'nil', 'true', '1', '-2', '0x1F', '1.5', '1e3', "'a'", '"s"', '`raw`',
            '3i', '1+2i', '0b101', '0o17', '1_000', '"\\u00e9"', '.X.Y.Z', 'printf.X']
SOUP = ['.X', '.Y.Z', '$x', '$', '$y.a', '.', 'nil', 'true', 'false', '1', '-2', '0x1F', '1.5', '1e3', '3i',
        '1+2i', "'a'", "'\\n'", '"s"', '"a\\tb"', '`raw`', 'printf', 'contains', 'nope', 'if', 'else', 'end',
        'range', 'with', 'define', 'template', 'block', 'break', 'continue', '(', ')', '|', ':=', '=', ',',
        ' ', '  ', '\n', '\t', '-', '#', '}', '{', '.1', '$x :=', '$x, $y :=', '"x"', '/*', '*/', '→', 'é']


def operand(depth, variables):
    if random.random() < 0.1 and depth < 3:
        return '(' + pipeline(depth + 1, variables) + ')' + random.choice(['', '', '.F', '.F.G'])
    return random.choice(OPERANDS + variables + [v + '.f' for v in variables])


def command(depth, variables, first):
    if first and random.random() < 0.15:
        return operand(depth, variables)
    arguments = ''.join(' ' + operand(depth, variables) for _ in range(random.randint(0, 3)))
    return random.choice(['printf', 'contains']) + arguments


def pipeline(depth, variables):
    text = command(depth, variables, True)
    for _ in range(random.randint(0, 2)):
        text += random.choice([' | ', '|', ' |']) + command(depth, variables, False)
    return text


def action(variables):
    declaration = ''
    if random.random() < 0.25:
        name = random.choice(['$a', '$b', '$x'])
        declaration = name + random.choice([' := ', ':=', ' = '])
        variables.append(name)
    space = random.choice(['', ' ', '\n'])
    return declaration and (space + declaration) + pipeline(0, variables) + space or space + pipeline(0, variables) + space


def body(depth, variables, in_range):
    parts = []
    for _ in range(random.randint(0, 5)):
        left, right = random.choice(['{{', '{{- ']), random.choice(['}}', ' -}}'])
        choice = random.random()
        if choice < 0.3:
            parts.append(random.choice(['text', '\n  ', ' x: ', '\t', '']))
        elif choice < 0.55:
            parts.append(left + action(variables) + right)
        elif choice < 0.75 and depth < 4:
            keyword = random.choice(['if', 'with', 'range', 'range $i, $v :=', 'if $c :='])
            inner = variables + (['$i', '$v'] if '$i' in keyword else ['$c'] if '$c' in keyword else [])
            text = left + keyword + ' ' + pipeline(0, variables) + right
            text += body(depth + 1, list(inner), in_range or 'range' in keyword)
            if random.random() < 0.4:
                text += random.choice(['{{else}}', '{{- else -}}', '{{else if .Y}}', '{{else with .Z}}'])
                text += body(depth + 1, list(inner), in_range)
            parts.append(text + left + 'end' + right)
        elif choice < 0.8 and in_range:
            parts.append(random.choice(['{{break}}', '{{ continue }}']))
        elif choice < 0.9:
            parts.append('{{template "t"' + random.choice(['', ' .', ' ' + pipeline(0, variables)]) + '}}')
        else:
            parts.append(random.choice(['{{/* comment */}}', '{{- /* c */ -}}']))
    return ''.join(parts)


def near_valid():
    text = body(0, [], False)
    if random.random() < 0.3:
        text = '{{define "d%d"}}' % random.randint(0, 2) + body(0, [], False) + '{{end}}' + text
    if random.random() < 0.2:
        text = '{{block "b" .}}' + body(0, [], False) + '{{end}}' + text
    return text.encode('utf-8')


def soup():
    parts, depth = [], 0
    for _ in range(random.randint(1, 10)):
        choice = random.random()
        if choice < 0.15:
            parts.append('{{' + random.choice(['if .X', 'range .X', 'with .X', 'range $i, $v := .X', 'define "d"',
                                               'block "b" .', 'range $x = .']) + '}}')
            depth += 1
        elif choice < 0.25 and depth:
            parts.append('{{end}}')
            depth -= 1
        elif choice < 0.3 and depth:
            parts.append(random.choice(['{{else}}', '{{else if .Y}}', '{{else with .Y}}', '{{break}}', '{{- else -}}']))
        elif choice < 0.65:
            left = random.choice(['{{', '{{', '{{- ', '{{-', '{{ ', '{{/* c */', '{{- /* c */'])
            words = ''.join(random.choice(SOUP) + random.choice(['', ' ']) for _ in range(random.randint(0, 6)))
            parts.append(left + words + random.choice(['}}', '}}', ' -}}', '-}}', ' }}', '']))
        else:
            parts.append(random.choice(['a', ' ', '\n', 'text ', '}}', '{', '\r\n', '  \t', 'é']))
    parts.extend(['{{end}}'] * depth if random.random() < 0.7 else [])
    data = ''.join(parts).encode('utf-8')
    choice = random.random()
    if choice < 0.15 and data:
        at = random.randrange(len(data))
        data = data[:at] + data[at + 1:]
    elif choice < 0.2 and data:
        at = random.randrange(len(data))
        data = data[:at] + bytes([random.randrange(256)]) + data[at:]
    return data


def main():
    random.seed(int(sys.argv[1]))
    for number in range(int(sys.argv[2])):
        data = near_valid() if number % 2 == 0 else soup()
        print('== random %d' % number)
        print('input: ' + go_quote(data))
        if random.random() < 0.15:
            print(random.choice(['flags: comments', 'funcs:', 'funcs: printf contains break']))
        print()


main()
