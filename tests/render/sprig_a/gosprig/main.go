// main.go: records, or checks, what Sprig v3.3.0 itself returns for every case of
// tests/render/sprig_a/cases.txt; expected.txt holds the answers celm's Sprig functions must give.
//
//	go run . [--check] cases.txt expected.txt signatures.txt
//	go run . --eval < lines        (prints the answers to ad-hoc case lines)
//
// A case line is a function name and its arguments written as literals (see value); a trailing
// `| arg0` also shows the first argument after the call (for functions that change it). Each line
// of expected.txt is `CASE<TAB>=> ANSWER`, the answer being `TYPE "%v"`, `error "text"` or
// `panic "text"` (what text/template's safeCall makes of a panic), then `<TAB>arg0 TYPE "%v"`.
// signatures.txt lists every function of Sprig's TxtFuncMap with its Go type, `NAME<TAB>func(...) T`.
// --check records nothing and exits 1 when the files are not exactly Sprig's answers.
package main

import (
	"bufio"
	"fmt"
	"os"
	"reflect"
	"sort"
	"strconv"
	"strings"

	"github.com/Masterminds/sprig/v3"
)

type literalParser struct {
	text string
	at   int
}

func (p *literalParser) skipSpace() {
	for p.at < len(p.text) && (p.text[p.at] == ' ' || p.text[p.at] == '\t') {
		p.at++
	}
}

func (p *literalParser) done() bool {
	p.skipSpace()
	return p.at >= len(p.text)
}

func (p *literalParser) expect(c byte) error {
	p.skipSpace()
	if p.at >= len(p.text) || p.text[p.at] != c {
		return fmt.Errorf("expected %q at %d of %q", c, p.at, p.text)
	}
	p.at++
	return nil
}

// quoted reads a Go "..." or `...` literal.
func (p *literalParser) quoted() (string, error) {
	p.skipSpace()
	start := p.at
	if p.at >= len(p.text) || (p.text[p.at] != '"' && p.text[p.at] != '`') {
		return "", fmt.Errorf("expected a string at %d of %q", p.at, p.text)
	}
	quote := p.text[p.at]
	p.at++
	for p.at < len(p.text) && p.text[p.at] != quote {
		if quote == '"' && p.text[p.at] == '\\' {
			p.at++
		}
		p.at++
	}
	if p.at >= len(p.text) {
		return "", fmt.Errorf("unterminated string in %q", p.text)
	}
	p.at++
	return strconv.Unquote(p.text[start:p.at])
}

func isWordByte(c byte) bool {
	return c == '_' || c == '.' || c == '+' || c == '-' || ('0' <= c && c <= '9') || ('a' <= c && c <= 'z') ||
		('A' <= c && c <= 'Z')
}

func (p *literalParser) word() string {
	p.skipSpace()
	start := p.at
	for p.at < len(p.text) && isWordByte(p.text[p.at]) {
		p.at++
	}
	return p.text[start:p.at]
}

func (p *literalParser) peek() byte {
	p.skipSpace()
	if p.at >= len(p.text) {
		return 0
	}
	return p.text[p.at]
}

func (p *literalParser) items(closing byte) ([]interface{}, error) {
	var items []interface{}
	for p.peek() != closing {
		if p.done() {
			return nil, fmt.Errorf("missing %q in %q", closing, p.text)
		}
		item, err := p.value()
		if err != nil {
			return nil, err
		}
		items = append(items, item)
	}
	p.at++
	return items, nil
}

func (p *literalParser) entries() ([]string, []interface{}, error) {
	var keys []string
	var values []interface{}
	for p.peek() != '}' {
		key, err := p.quoted()
		if err != nil {
			return nil, nil, err
		}
		if err := p.expect(':'); err != nil {
			return nil, nil, err
		}
		value, err := p.value()
		if err != nil {
			return nil, nil, err
		}
		keys = append(keys, key)
		values = append(values, value)
	}
	p.at++
	return keys, values, nil
}

// typed reads the inside of a conversion such as int64(5) or bytes("x").
func (p *literalParser) typed(kind string) (interface{}, error) {
	if kind == "bytes" {
		text, err := p.quoted()
		if err == nil {
			err = p.expect(')')
		}
		return []byte(text), err
	}
	text := p.word()
	if err := p.expect(')'); err != nil {
		return nil, err
	}
	if kind == "float64" {
		return strconv.ParseFloat(text, 64)
	}
	number, err := strconv.ParseInt(text, 0, 64)
	if err != nil {
		unsigned, uerr := strconv.ParseUint(text, 0, 64)
		if uerr != nil || kind != "uint64" {
			return nil, err
		}
		return unsigned, nil
	}
	switch kind {
	case "int64":
		return number, nil
	case "int32":
		return int32(number), nil
	case "uint8":
		return uint8(number), nil
	case "uint32":
		return uint32(number), nil
	case "uint64":
		return uint64(number), nil
	}
	return nil, fmt.Errorf("unknown conversion %s(", kind)
}

// value reads one literal: "text", `text`, 5 (int), 1.5 (float64), nil, true, false, [a b] ([]interface{}),
// strings[..] ([]string), ints[..] ([]int), {"k": v} (map[string]interface{}), smap{"k": "v"}
// (map[string]string), int64(5), int32(5), uint8(5), uint32(5), uint64(5), float64(5), bytes("x").
func (p *literalParser) value() (interface{}, error) {
	switch p.peek() {
	case '"', '`':
		return p.quoted()
	case '[':
		p.at++
		return p.items(']')
	case '{':
		p.at++
		keys, values, err := p.entries()
		dict := map[string]interface{}{}
		for i := range keys {
			dict[keys[i]] = values[i]
		}
		return dict, err
	}
	word := p.word()
	if word == "" {
		return nil, fmt.Errorf("unexpected %q at %d of %q", p.peek(), p.at, p.text)
	}
	if p.at < len(p.text) {
		switch p.text[p.at] {
		case '(':
			p.at++
			return p.typed(word)
		case '[':
			p.at++
			items, err := p.items(']')
			return typedList(word, items, err)
		case '{':
			p.at++
			keys, values, err := p.entries()
			dict := map[string]string{}
			for i := range keys {
				text, ok := values[i].(string)
				if !ok && err == nil {
					err = fmt.Errorf("smap values are strings")
				}
				dict[keys[i]] = text
			}
			return dict, err
		}
	}
	switch word {
	case "nil":
		return nil, nil
	case "true", "false":
		return word == "true", nil
	}
	if strings.ContainsAny(word, ".eEIN") && !strings.HasPrefix(word, "0x") {
		return strconv.ParseFloat(word, 64)
	}
	number, err := strconv.ParseInt(word, 0, 64)
	return int(number), err
}

func typedList(kind string, items []interface{}, err error) (interface{}, error) {
	if err != nil {
		return nil, err
	}
	switch kind {
	case "strings":
		list := []string{}
		for _, item := range items {
			list = append(list, item.(string))
		}
		return list, nil
	case "ints":
		list := []int{}
		for _, item := range items {
			list = append(list, item.(int))
		}
		return list, nil
	}
	return nil, fmt.Errorf("unknown list kind %s", kind)
}

type testCase struct {
	name     string
	args     []interface{}
	showArg0 bool
}

func parseCase(line string) (*testCase, error) {
	c := &testCase{}
	if at := strings.LastIndex(line, "| arg0"); at >= 0 && strings.TrimSpace(line[at+6:]) == "" {
		c.showArg0 = true
		line = line[:at]
	}
	p := &literalParser{text: line}
	c.name = p.word()
	for !p.done() {
		arg, err := p.value()
		if err != nil {
			return nil, err
		}
		c.args = append(c.args, arg)
	}
	return c, nil
}

func describe(value interface{}) string {
	return fmt.Sprintf("%T %s", value, strconv.Quote(fmt.Sprintf("%v", value)))
}

func callArguments(fn reflect.Type, args []interface{}) ([]reflect.Value, error) {
	values := make([]reflect.Value, len(args))
	for i, arg := range args {
		var param reflect.Type
		switch {
		case fn.IsVariadic() && i >= fn.NumIn()-1:
			param = fn.In(fn.NumIn() - 1).Elem()
		case i < fn.NumIn():
			param = fn.In(i)
		default:
			return nil, fmt.Errorf("too many arguments")
		}
		if arg == nil {
			values[i] = reflect.Zero(param)
			continue
		}
		values[i] = reflect.ValueOf(arg)
		if !values[i].Type().AssignableTo(param) {
			return nil, fmt.Errorf("argument %d is %T, the function wants %s", i, arg, param)
		}
	}
	if len(args) < fn.NumIn() && !(fn.IsVariadic() && len(args) == fn.NumIn()-1) {
		return nil, fmt.Errorf("too few arguments")
	}
	return values, nil
}

// call runs the function like text/template's safeCall and returns its answer.
func call(c *testCase) (answer string, err error) {
	fn, ok := sprig.TxtFuncMap()[c.name]
	if !ok {
		return "", fmt.Errorf("no Sprig function %q", c.name)
	}
	value := reflect.ValueOf(fn)
	args, err := callArguments(value.Type(), c.args)
	if err != nil {
		return "", err
	}
	defer func() {
		if recovered := recover(); recovered != nil {
			answer = "panic " + strconv.Quote(fmt.Sprint(recovered))
		}
		if c.showArg0 {
			answer += "\targ0 " + describe(c.args[0])
		}
	}()
	results := value.Call(args)
	if len(results) == 2 && !results[1].IsNil() {
		return "error " + strconv.Quote(results[1].Interface().(error).Error()), nil
	}
	return describe(results[0].Interface()), nil
}

func isCaseLine(line string) bool {
	trimmed := strings.TrimSpace(line)
	return trimmed != "" && !strings.HasPrefix(trimmed, "#")
}

// answers evaluates every case line of cases.txt into its expected.txt line.
func answers(casesPath string) ([]string, error) {
	data, err := os.ReadFile(casesPath)
	if err != nil {
		return nil, err
	}
	var lines []string
	for _, line := range strings.Split(string(data), "\n") {
		if !isCaseLine(line) {
			continue
		}
		c, err := parseCase(line)
		if err == nil {
			var answer string
			answer, err = call(c)
			lines = append(lines, line+"\t=> "+answer)
		}
		if err != nil {
			return nil, fmt.Errorf("%s: case %q: %v", casesPath, line, err)
		}
	}
	return lines, nil
}

// signatures lists the Go type of every Sprig function, sorted by name.
func signatures() []string {
	var lines []string
	for name, fn := range sprig.TxtFuncMap() {
		lines = append(lines, name+"\t"+reflect.TypeOf(fn).String())
	}
	sort.Strings(lines)
	return lines
}

func run(casesPath, expectedPath, signaturesPath string, check bool) error {
	lines, err := answers(casesPath)
	if err != nil {
		return err
	}
	if !check {
		if err := os.WriteFile(signaturesPath, []byte(strings.Join(signatures(), "\n")+"\n"), 0o644); err != nil {
			return err
		}
		return os.WriteFile(expectedPath, []byte(strings.Join(lines, "\n")+"\n"), 0o644)
	}
	expectedErr := compare(expectedPath, lines)
	if err := compare(signaturesPath, signatures()); err != nil {
		return err
	}
	return expectedErr
}

// compare reports how the recorded file differs from Sprig's lines.
func compare(path string, lines []string) error {
	recorded, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	old := strings.Split(strings.TrimSuffix(string(recorded), "\n"), "\n")
	differences := 0
	for i, line := range lines {
		if i >= len(old) || old[i] != line {
			differences++
			fmt.Printf("sprig:    %s\n", line)
			if i < len(old) {
				fmt.Printf("recorded: %s\n", old[i])
			}
		}
	}
	if len(old) != len(lines) {
		differences++
		fmt.Printf("%s has %d lines, Sprig %d\n", path, len(old), len(lines))
	}
	fmt.Printf("%s: %d lines, %d differ from Sprig v3.3.0\n", path, len(lines), differences)
	if differences > 0 {
		return fmt.Errorf("%s does not hold Sprig's answers", path)
	}
	return nil
}

func eval() {
	scanner := bufio.NewScanner(os.Stdin)
	for scanner.Scan() {
		line := scanner.Text()
		if !isCaseLine(line) {
			continue
		}
		c, err := parseCase(line)
		answer := ""
		if err == nil {
			answer, err = call(c)
		}
		if err != nil {
			answer = "!! " + err.Error()
		}
		fmt.Println(line + "\t=> " + answer)
	}
}

func main() {
	args := os.Args[1:]
	if len(args) == 1 && args[0] == "--eval" {
		eval()
		return
	}
	check := len(args) > 0 && args[0] == "--check"
	if check {
		args = args[1:]
	}
	if len(args) != 3 {
		fmt.Fprintln(os.Stderr, "usage: go run . [--check] cases.txt expected.txt signatures.txt | --eval")
		os.Exit(2)
	}
	if err := run(args[0], args[1], args[2], check); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
