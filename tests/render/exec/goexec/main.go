// main.go: records, or checks, the expected outputs and errors of tests/render/exec/exec_cases.txt
// with Go's own text/template (go1.26) and, for `mode: helm` cases, helm v4.2.4's own engine: the
// references celm's template executor follows.
//
//	go run . [--check] ../exec_cases.txt
//
// A case is `== name` followed by input lines (`template:`, `file:`, `data:`, `missingkey:`,
// `mode:`, `lint:`); its expectation lines (`output:`, `error:`) are recomputed. --check reports
// every case whose recorded expectations differ from what Go makes of it and exits 1.
package main

import (
	"bufio"
	"fmt"
	"io"
	"log/slog"
	"os"
	"sort"
	"strconv"
	"strings"
	"text/template"

	"helm.sh/helm/v4/pkg/chart/common"
	chart "helm.sh/helm/v4/pkg/chart/v2"
	"helm.sh/helm/v4/pkg/engine"
)

type namedText struct{ name, text string }

type testCase struct {
	lines      []string // comment and input lines, verbatim, in order
	name       string
	files      []namedText
	data       string
	missingKey string
	mode       string
	lint       bool
	expect     []string
}

func unquote(line, prefix string) string {
	text, err := strconv.Unquote(strings.TrimPrefix(line, prefix))
	if err != nil {
		fail("cannot unquote %q: %v", line, err)
	}
	return text
}

// fileLine reads `file: "name" "text"`.
func fileLine(line string) namedText {
	rest := strings.TrimPrefix(line, "file: ")
	quoted, err := strconv.QuotedPrefix(rest)
	if err != nil {
		fail("bad file line %q", line)
	}
	name, _ := strconv.Unquote(quoted)
	return namedText{name, unquote(strings.TrimPrefix(rest[len(quoted):], " "), "")}
}

func fail(format string, args ...any) {
	fmt.Fprintf(os.Stderr, format+"\n", args...)
	os.Exit(2)
}

func readCases(path string) (header []string, cases []*testCase) {
	data, err := os.ReadFile(path)
	if err != nil {
		fail("%v", err)
	}
	var current *testCase
	var pending []string
	scanner := bufio.NewScanner(strings.NewReader(string(data)))
	scanner.Buffer(make([]byte, 1<<20), 1<<26)
	for scanner.Scan() {
		line := scanner.Text()
		switch {
		case strings.HasPrefix(line, "== "):
			current = &testCase{name: line[3:], data: "main", lines: append(pending, line)}
			pending = nil
			cases = append(cases, current)
		case current == nil:
			header = append(header, line)
		case line == "" || strings.HasPrefix(line, "#"):
			pending = append(pending, line)
		case strings.HasPrefix(line, "template: "):
			current.lines = append(current.lines, line)
			current.files = append(current.files, namedText{"t", unquote(line, "template: ")})
		case strings.HasPrefix(line, "file: "):
			current.lines = append(current.lines, line)
			current.files = append(current.files, fileLine(line))
		case strings.HasPrefix(line, "data: "):
			current.lines = append(current.lines, line)
			current.data = line[len("data: "):]
		case strings.HasPrefix(line, "missingkey: "):
			current.lines = append(current.lines, line)
			current.missingKey = line[len("missingkey: "):]
		case strings.HasPrefix(line, "mode: "):
			current.lines = append(current.lines, line)
			current.mode = line[len("mode: "):]
		case line == "lint: true":
			current.lines = append(current.lines, line)
			current.lint = true
		case strings.HasPrefix(line, "output: ") || strings.HasPrefix(line, "error: "):
			current.expect = append(current.expect, line)
		default:
			fail("case %q: unknown line %q", current.name, line)
		}
	}
	if len(pending) > 0 && current != nil {
		current.lines = append(current.lines, pending...)
	}
	return header, cases
}

// runGo executes template "t" with Go's text/template, as a Helm-like root set named "gotpl".
func runGo(c *testCase) []string {
	root := template.New("gotpl").Funcs(testFuncs())
	if c.missingKey != "" {
		root.Option("missingkey=" + c.missingKey)
	} else {
		root.Option("missingkey=zero")
	}
	for _, file := range c.files {
		if _, err := root.New(file.name).Parse(file.text); err != nil {
			return []string{"error: " + strconv.Quote(err.Error())}
		}
	}
	var out strings.Builder
	err := root.ExecuteTemplate(&out, "t", dataSet(c.data))
	lines := []string{"output: " + strconv.Quote(out.String())}
	if err != nil {
		lines = append(lines, "error: "+strconv.Quote(err.Error()))
	}
	return lines
}

// runHelm renders the case's files as the templates of chart "c" with helm's engine.
func runHelm(c *testCase) []string {
	ch := &chart.Chart{Metadata: &chart.Metadata{Name: "c", Version: "0.1.0", APIVersion: "v2"}}
	for _, file := range c.files {
		ch.Templates = append(ch.Templates, &common.File{Name: file.name, Data: []byte(file.text)})
	}
	values := common.Values{"Values": dataSet(c.data), "Release": map[string]interface{}{"Name": "r"}}
	e := engine.Engine{Strict: c.missingKey == "error", LintMode: c.lint}
	rendered, err := e.Render(ch, values)
	if err != nil {
		return []string{"error: " + strconv.Quote(err.Error())}
	}
	names := make([]string, 0, len(rendered))
	for name := range rendered {
		names = append(names, name)
	}
	sort.Strings(names)
	var lines []string
	for _, name := range names {
		lines = append(lines, "output: "+strconv.Quote(name)+" "+strconv.Quote(rendered[name]))
	}
	return lines
}

func main() {
	slog.SetDefault(slog.New(slog.NewTextHandler(io.Discard, nil))) // helm's lint-mode messages
	check := len(os.Args) > 1 && os.Args[1] == "--check"
	args := os.Args[1:]
	if check {
		args = args[1:]
	}
	if len(args) != 1 {
		fail("usage: go run . [--check] exec_cases.txt")
	}
	header, cases := readCases(args[0])
	var b strings.Builder
	for _, line := range header {
		b.WriteString(line + "\n")
	}
	mismatches := 0
	for _, c := range cases {
		var got []string
		if c.mode == "helm" {
			got = runHelm(c)
		} else {
			got = runGo(c)
		}
		if strings.Join(got, "\n") != strings.Join(c.expect, "\n") {
			mismatches++
			if check {
				fmt.Fprintf(os.Stderr, "case %q: recorded\n  %s\nGo says\n  %s\n", c.name,
					strings.Join(c.expect, "\n  "), strings.Join(got, "\n  "))
			}
		}
		for _, line := range c.lines {
			b.WriteString(line + "\n")
		}
		for _, line := range got {
			b.WriteString(line + "\n")
		}
	}
	if check {
		if mismatches > 0 {
			fmt.Fprintf(os.Stderr, "%d of %d cases differ from Go\n", mismatches, len(cases))
			os.Exit(1)
		}
		fmt.Printf("%d cases match Go\n", len(cases))
		return
	}
	if err := os.WriteFile(args[0], []byte(b.String()), 0o644); err != nil {
		fail("%v", err)
	}
	fmt.Printf("recorded %d cases (%d changed)\n", len(cases), mismatches)
}
