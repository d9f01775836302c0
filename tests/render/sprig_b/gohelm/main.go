// gohelm: evaluates the cases of tests/render/sprig_b/cases.txt with helm v4.2.4's own template
// functions (Sprig v3.3.0 plus Helm's) and prints, for each case, the case and Go's answer; this is
// what expected.txt holds. With --check it prints nothing and fails when expected.txt differs.
//
//	go run . [--check] cases.txt expected.txt
//	go run . --compare-certs FILE   (see certs.go)
//
// A case is a call: NAME ARG...; NAME may be ".Method" (a method of the first argument). An ARG is
// a Go string literal, nil, true, false, a nested call in parentheses, or a constructor:
// int(5) int64(5) int32(5) uint64(5) float64(1.5) bytes("x") list(ARG...) strings("a"...)
// map("k" ARG ...) yaml("...") json("...") time(UNIX NANOS "Zone") semver("1.2.3") cert("pem" "pem").
// Answers are printed in the same notation; errors as error("..."), panics as panic("...").
// Two NAMEs are no template functions: bcryptCheck PASSWORD HASH tells whether bcrypt accepts them,
// fieldOf NAME VALUE is a struct field of VALUE.
package main

import (
	"encoding/json"
	"fmt"
	"os"
	"reflect"
	"sort"
	"strconv"
	"strings"
	"text/template"
	"time"
	"unsafe"

	"github.com/Masterminds/semver/v3"
	"golang.org/x/crypto/bcrypt"
	_ "helm.sh/helm/v4/pkg/engine"
	"sigs.k8s.io/yaml"
)

//go:linkname helmFuncMap helm.sh/helm/v4/pkg/engine.funcMap
func helmFuncMap() template.FuncMap

// certificate mirrors sprig's unexported struct, so cert(...) arguments can be built.
type certificate struct {
	Cert string
	Key  string
}

var funcs template.FuncMap

type parser struct {
	tokens []string
	at     int
}

func tokenize(line string) ([]string, error) {
	var tokens []string
	for i := 0; i < len(line); {
		c := line[i]
		switch {
		case c == ' ':
			i++
		case c == '(' || c == ')':
			tokens = append(tokens, string(c))
			i++
		case c == '"' || c == '`':
			j := i + 1
			for j < len(line) && line[j] != c {
				if c == '"' && line[j] == '\\' {
					j++
				}
				j++
			}
			if j >= len(line) {
				return nil, fmt.Errorf("unterminated string")
			}
			tokens = append(tokens, line[i:j+1])
			i = j + 1
		default:
			j := i
			for j < len(line) && line[j] != ' ' && line[j] != '(' && line[j] != ')' {
				j++
			}
			tokens = append(tokens, line[i:j])
			i = j
		}
	}
	return tokens, nil
}

func (p *parser) next() string {
	if p.at >= len(p.tokens) {
		return ""
	}
	p.at++
	return p.tokens[p.at-1]
}

func (p *parser) peek() string {
	if p.at >= len(p.tokens) {
		return ""
	}
	return p.tokens[p.at]
}

// outcome of evaluating a nested call used as an argument
type failure struct{ text string }

func (p *parser) args(until string) ([]any, error) {
	var out []any
	for p.peek() != until {
		if p.peek() == "" {
			return nil, fmt.Errorf("missing %q", until)
		}
		v, err := p.arg()
		if err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	p.next()
	return out, nil
}

func (p *parser) arg() (any, error) {
	t := p.next()
	switch {
	case t == "nil":
		return nil, nil
	case t == "true" || t == "false":
		return t == "true", nil
	case strings.HasPrefix(t, "\"") || strings.HasPrefix(t, "`"):
		return strconv.Unquote(t)
	case t != "" && (t[0] == '-' || (t[0] >= '0' && t[0] <= '9')):
		return strconv.ParseInt(t, 10, 64)
	case t == "(":
		name := p.next()
		args, err := p.args(")")
		if err != nil {
			return nil, err
		}
		v, fail := call(name, args)
		if fail != "" {
			return failure{fail}, nil
		}
		return v, nil
	}
	if p.next() != "(" {
		return nil, fmt.Errorf("bad token %q", t)
	}
	if t == "int" || t == "int64" || t == "int32" || t == "uint64" || t == "float64" {
		number := p.next()
		p.next()
		return number_of(t, number)
	}
	args, err := p.args(")")
	if err != nil {
		return nil, err
	}
	return construct(t, args)
}

func number_of(kind, text string) (any, error) {
	switch kind {
	case "float64":
		return strconv.ParseFloat(text, 64)
	case "uint64":
		return strconv.ParseUint(text, 10, 64)
	}
	n, err := strconv.ParseInt(text, 10, 64)
	switch kind {
	case "int":
		return int(n), err
	case "int32":
		return int32(n), err
	}
	return n, err
}

func construct(kind string, args []any) (any, error) {
	str := func(i int) string { s, _ := args[i].(string); return s }
	switch kind {
	case "bytes":
		return []byte(str(0)), nil
	case "list":
		if args == nil {
			args = []any{}
		}
		return args, nil
	case "strings":
		out := []string{}
		for i := range args {
			out = append(out, str(i))
		}
		return out, nil
	case "map":
		m := map[string]any{}
		for i := 0; i+1 < len(args); i += 2 {
			m[str(i)] = args[i+1]
		}
		return m, nil
	case "yaml":
		var v any
		err := yaml.Unmarshal([]byte(str(0)), &v)
		return v, err
	case "json":
		var v any
		err := json.Unmarshal([]byte(str(0)), &v)
		return v, err
	case "time":
		loc, err := time.LoadLocation(str(2))
		if err != nil {
			return nil, err
		}
		return time.Unix(args[0].(int64), args[1].(int64)).In(loc), nil
	case "semver":
		return semver.NewVersion(str(0))
	case "cert":
		return certificate{str(0), str(1)}, nil
	}
	return nil, fmt.Errorf("unknown constructor %s", kind)
}

// sprigCertificate converts our certificate into sprig's unexported one for a parameter of that type.
func convert(v any, want reflect.Type) reflect.Value {
	if v == nil {
		return reflect.Zero(want)
	}
	rv := reflect.ValueOf(v)
	if c, ok := v.(certificate); ok && want.Kind() == reflect.Struct && want.Name() == "certificate" {
		out := reflect.New(want).Elem()
		reflect.NewAt(want.Field(0).Type, unsafe.Pointer(out.Field(0).UnsafeAddr())).Elem().SetString(c.Cert)
		reflect.NewAt(want.Field(1).Type, unsafe.Pointer(out.Field(1).UnsafeAddr())).Elem().SetString(c.Key)
		return out
	}
	if !rv.Type().AssignableTo(want) && rv.Type().ConvertibleTo(want) {
		return rv.Convert(want)
	}
	return rv
}

func call(name string, args []any) (result any, fail string) {
	for _, a := range args {
		if f, ok := a.(failure); ok {
			return nil, f.text
		}
	}
	if name == "fieldOf" && len(args) == 2 {
		// not a template function: a struct field of a value
		field := reflect.ValueOf(args[1]).FieldByName(args[0].(string))
		if !field.IsValid() {
			return nil, "nofield"
		}
		return field.Interface(), ""
	}
	if name == "bcryptCheck" {
		// not a template function: whether a hash Go made matches the password
		return bcrypt.CompareHashAndPassword([]byte(args[1].(string)), []byte(args[0].(string))) == nil, ""
	}
	var fn reflect.Value
	if strings.HasPrefix(name, ".") {
		if len(args) == 0 {
			return nil, "nomethod"
		}
		fn = reflect.ValueOf(args[0]).MethodByName(name[1:])
		args = args[1:]
		if !fn.IsValid() {
			return nil, "nomethod"
		}
	} else {
		f, ok := funcs[name]
		if !ok {
			return nil, "nofunction"
		}
		fn = reflect.ValueOf(f)
	}
	ft := fn.Type()
	in := make([]reflect.Value, len(args))
	for i, a := range args {
		var want reflect.Type
		if ft.IsVariadic() && i >= ft.NumIn()-1 {
			want = ft.In(ft.NumIn() - 1).Elem()
		} else if i < ft.NumIn() {
			want = ft.In(i)
		} else {
			return nil, "toomanyargs"
		}
		in[i] = convert(a, want)
	}
	defer func() {
		if r := recover(); r != nil {
			if e, ok := r.(error); ok {
				fail = "panic(" + strconv.Quote(e.Error()) + ")"
			} else {
				fail = "panic(" + strconv.Quote(fmt.Sprintf("%v", r)) + ")"
			}
		}
	}()
	out := fn.Call(in)
	if len(out) == 2 && !out[1].IsNil() {
		return nil, "error(" + strconv.Quote(out[1].Interface().(error).Error()) + ")"
	}
	return out[0].Interface(), ""
}

func dump(v any) string {
	switch x := v.(type) {
	case nil:
		return "nil"
	case bool:
		return strconv.FormatBool(x)
	case string:
		return strconv.Quote(x)
	case float64:
		return "float64(" + strconv.FormatFloat(x, 'g', -1, 64) + ")"
	case []byte:
		return "bytes(" + strconv.Quote(string(x)) + ")"
	case time.Time:
		return "time(" + strconv.Quote(x.String()) + ")"
	case *semver.Version:
		return "semver(" + strconv.Quote(x.String()) + " " + strconv.Quote(x.Original()) + ")"
	case semver.Version:
		return "semver.Version(" + strconv.Quote(x.String()) + ")"
	case []any:
		parts := []string{}
		for _, e := range x {
			parts = append(parts, dump(e))
		}
		return "list(" + strings.Join(parts, " ") + ")"
	case []map[string]any:
		// TOML's arrays of tables; celm has no separate type for them
		parts := []string{}
		for _, e := range x {
			parts = append(parts, dump(e))
		}
		return "list(" + strings.Join(parts, " ") + ")"
	case []string:
		parts := []string{}
		for _, e := range x {
			parts = append(parts, strconv.Quote(e))
		}
		return "strings(" + strings.Join(parts, " ") + ")"
	case map[string]any:
		keys := []string{}
		for k := range x {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		parts := []string{}
		for _, k := range keys {
			parts = append(parts, strconv.Quote(k)+" "+dump(x[k]))
		}
		prefix := "map("
		if x == nil {
			prefix = "nilmap("
		}
		return prefix + strings.Join(parts, " ") + ")"
	}
	rv := reflect.ValueOf(v)
	switch rv.Kind() {
	case reflect.Int, reflect.Int64, reflect.Int32, reflect.Uint64, reflect.Uint32, reflect.Uint8:
		return fmt.Sprintf("%T(%v)", v, v)
	case reflect.Struct:
		if rv.Type().Name() == "certificate" {
			return "cert(" + strconv.Quote(rv.Field(0).String()) + " " + strconv.Quote(rv.Field(1).String()) + ")"
		}
	}
	return fmt.Sprintf("other(%T %v)", v, v)
}

func evaluate(line string) string {
	tokens, err := tokenize(line)
	if err != nil {
		return "bad case: " + err.Error()
	}
	p := &parser{tokens: tokens}
	name := p.next()
	args, err := p.args("")
	if err != nil && !strings.Contains(err.Error(), `missing ""`) {
		return "bad case: " + err.Error()
	}
	v, fail := call(name, args)
	if fail != "" {
		return fail
	}
	return dump(v)
}

func main() {
	os.Setenv("TZ", "America/Sao_Paulo")
	funcs = helmFuncMap()
	// What helm's engine installs when DNS lookups are not enabled (engine.go, initFunMap).
	funcs["getHostByName"] = func(_ string) string { return "" }
	if len(os.Args) == 3 && os.Args[1] == "--compare-certs" {
		compareCerts(os.Args[2])
		return
	}
	check := len(os.Args) > 1 && os.Args[1] == "--check"
	files := os.Args[1:]
	if check {
		files = files[1:]
	}
	data, err := os.ReadFile(files[0])
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	var out strings.Builder
	for _, line := range strings.Split(string(data), "\n") {
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		out.WriteString(line + "\t=> " + evaluate(line) + "\n")
	}
	if !check {
		os.WriteFile(files[1], []byte(out.String()), 0o644)
		return
	}
	recorded, err := os.ReadFile(files[1])
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	if string(recorded) != out.String() {
		want := strings.Split(out.String(), "\n")
		have := strings.Split(string(recorded), "\n")
		for i := range want {
			if i >= len(have) || have[i] != want[i] {
				fmt.Fprintf(os.Stderr, "expected.txt line %d differs from Go:\n  go:       %s\n", i+1, want[i])
				if i < len(have) {
					fmt.Fprintf(os.Stderr, "  recorded: %s\n", have[i])
				}
				break
			}
		}
		os.Exit(1)
	}
	fmt.Printf("%d cases match Go\n", strings.Count(out.String(), "\n"))
}
