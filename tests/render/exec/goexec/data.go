// data.go: the data sets and functions the cases run with; test_exec_cases.c builds the same ones
// with celm's value API.
package main

import (
	"errors"
	"fmt"
	"math"
	"strings"
	"text/template"
	"time"
)

// T is a struct behind a pointer, with fields and methods, as charts see *semver.Version and the like.
type T struct {
	Name  string
	Count int
}

func (t *T) Greet(s string) string                   { return "hi " + s + " from " + t.Name }
func (t *T) Add(a, b int) int                        { return a + b + t.Count }
func (t *T) Fail() (string, error)                   { return "", errors.New("method failed") }
func (t *T) Join(sep string, parts ...string) string { return strings.Join(parts, sep) }
func (t *T) Self() *T                                { return t }
func (t *T) String() string                          { return "T(" + t.Name + ")" }

// VersionSet is a named slice type with a method (as Helm's common.VersionSet).
type VersionSet []string

func (v VersionSet) Has(s string) bool {
	for _, x := range v {
		if x == s {
			return true
		}
	}
	return false
}

// Values is a named map type with a method (as Helm's common.Values).
type Values map[string]interface{}

func (v Values) Size() int { return len(v) }

func mainData() map[string]interface{} {
	return map[string]interface{}{
		"str":       "hello",
		"empty":     "",
		"int":       3,
		"int64":     int64(-42),
		"float":     1.5,
		"whole":     3.0,
		"big":       1e6,
		"neg":       -2.5,
		"true":      true,
		"false":     false,
		"nil":       nil,
		"list":      []interface{}{1, "two", 3.5, nil, true},
		"strs":      []string{"a", "b", "c"},
		"ints":      []int{10, 20, 30},
		"emptyList": []interface{}{},
		"map": map[string]interface{}{"a": 1, "b": "x", "c": nil,
			"nested": map[string]interface{}{"deep": "value"}},
		"smap":     map[string]string{"k": "v", "z": "last"},
		"emptyMap": map[string]interface{}{},
		"bytes":    []byte("hi!"),
		"u8":       uint8(200),
		"u32":      uint32(7),
		"u64":      uint64(18446744073709551615),
		"i32":      int32('x'),
		"obj":      &T{Name: "Ada", Count: 2},
		"quote":    `he said "hi" & <b>`,
		"unicode":  "héllo, 世界",
		"ctrl":     "a\tb\nc\x00",
		"pct":      "100%",
		"listmap": []interface{}{map[string]interface{}{"name": "n1"},
			map[string]interface{}{"name": "n2"}},
		"floats": []interface{}{1.0, 2.5, 1e21, 1e-7, math.Copysign(0, -1)},
		"nested": []interface{}{[]interface{}{1, 2}, map[string]interface{}{"k": []interface{}{"v"}}},
		"vset":   VersionSet{"apps/v1", "v1"},
		"time":   time.Date(2024, 3, 5, 14, 7, 9, 123456789, time.UTC),
		"zero":   time.Time{},
		"vals":   Values{"a": 1, "Size": "key"},
	}
}

func dataSet(name string) interface{} {
	switch name {
	case "main":
		return mainData()
	case "none":
		return nil
	case "string":
		return "dot string"
	case "int":
		return 7
	case "list":
		return []interface{}{"a", "b"}
	case "obj":
		return &T{Name: "Bob", Count: 5}
	}
	fail("unknown data set %q", name)
	return nil
}

func testFuncs() template.FuncMap {
	return template.FuncMap{
		"toInt":    func(i int) int { return i },
		"toInt64":  func(i int64) int64 { return i },
		"toInt32":  func(i int32) int32 { return i },
		"toUint8":  func(u uint8) uint8 { return u },
		"toUint64": func(u uint64) uint64 { return u },
		"toFloat":  func(f float64) float64 { return f },
		"toBool":   func(b bool) bool { return b },
		"toStr":    func(s string) string { return s },
		"mapArg":   func(m map[string]interface{}) int { return len(m) },
		"listArg":  func(l []interface{}) int { return len(l) },
		"strsArg":  func(l []string) string { return strings.Join(l, "+") },
		"anyArg":   func(x interface{}) string { return fmt.Sprintf("%T:%v", x, x) },
		"variadic": func(prefix string, xs ...int) string { return fmt.Sprint(prefix, xs) },
		"varAny":   func(xs ...interface{}) int { return len(xs) },
		"fails":    func() (string, error) { return "", errors.New("it failed") },
		"failsWith": func(s string) (string, error) {
			if s == "" {
				return "ok", nil
			}
			return "", errors.New(s)
		},
		"panics":   func() string { panic("oh no") },
		"panicErr": func() string { panic(errors.New("panic error")) },
		"nilAny":   func() interface{} { return nil },
		"anyList":  func() interface{} { return []interface{}{1, 2} },
		"mkmap":    func() map[string]interface{} { return map[string]interface{}{"k": "v"} },
		"strMap":   func() map[string]string { return map[string]string{"a": "b"} },
		"echo":     func(x interface{}) interface{} { return x },
		"twoInts":  func(a, b int) int { return a*10 + b },
		"mkobj":    func() *T { return &T{Name: "New", Count: 1} },
	}
}
