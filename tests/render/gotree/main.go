// main.go: records, or checks, the expected trees and errors of tests/render/parse_cases.txt
// with Go's own text/template/parse, the reference that celm's template parser follows.
//
//	go run gotree/main.go [--check] parse_cases.txt
//
// Input lines (`== name`, `input:`, `funcs:`, `flags:`, `delims:`) are kept; expectation lines
// (`error:`, `tree`, `nodes`) are recomputed. --check reports every case whose recorded
// expectations differ from Go's and exits 1.
package main

import (
	"bufio"
	"fmt"
	"math"
	"os"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"text/template/parse"
)

type testCase struct {
	preamble []string // comment lines before the case
	name     string
	inputs []string // the input lines, verbatim
	input  string
	funcs  []string
	flags  []string
	left   string
	right  string
	expect []string // the recorded expectation lines
}

func readCases(path string) ([]*testCase, []string, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, nil, err
	}
	var cases []*testCase
	var header []string
	var current *testCase
	var comments []string
	inHeader := true // the first block of comment lines describes the file
	scanner := bufio.NewScanner(strings.NewReader(string(data)))
	scanner.Buffer(make([]byte, 1<<20), 1<<24)
	for scanner.Scan() {
		line := scanner.Text()
		switch {
		case strings.HasPrefix(line, "== "):
			current = &testCase{name: line[3:], funcs: []string{"printf", "contains"}, preamble: comments}
			current.inputs = append(current.inputs, line)
			cases = append(cases, current)
			comments = nil
		case inHeader && strings.HasPrefix(line, "#"):
			header = append(header, line)
		case line == "":
			inHeader = false
		case strings.HasPrefix(line, "#"):
			comments = append(comments, line)
		case strings.HasPrefix(line, "input: "):
			current.inputs = append(current.inputs, line)
			current.input, err = strconv.Unquote(line[len("input: "):])
		case strings.HasPrefix(line, "funcs:"):
			current.inputs = append(current.inputs, line)
			current.funcs = strings.Fields(line[len("funcs:"):])
		case strings.HasPrefix(line, "flags:"):
			current.inputs = append(current.inputs, line)
			current.flags = strings.Fields(line[len("flags:"):])
		case strings.HasPrefix(line, "delims: "):
			current.inputs = append(current.inputs, line)
			rest := line[len("delims: "):]
			var left string
			if left, err = strconv.QuotedPrefix(rest); err == nil {
				current.left, _ = strconv.Unquote(left)
				current.right, err = strconv.Unquote(strings.TrimPrefix(rest[len(left):], " "))
			}
		default:
			current.expect = append(current.expect, line)
		}
		if err != nil {
			return nil, nil, fmt.Errorf("%s: %v in %q", path, err, line)
		}
	}
	return cases, header, scanner.Err()
}

func q(s string) string { return strconv.Quote(s) }

func lineOf(text string, pos parse.Pos) int {
	return 1 + strings.Count(text[:pos], "\n")
}

// dump writes the structure of a node with its kind, position and line.
func dump(n parse.Node, text string) string {
	at := func(kind string, pos parse.Pos, line int) string {
		if line == 0 {
			line = lineOf(text, pos)
		}
		return fmt.Sprintf("%s@%d:%d", kind, pos, line)
	}
	list := func(l *parse.ListNode) string {
		if l == nil {
			return "nil"
		}
		return dump(l, text)
	}
	pipe := func(p *parse.PipeNode) string {
		if p == nil {
			return "nil"
		}
		return dump(p, text)
	}
	switch n := n.(type) {
	case *parse.ListNode:
		parts := []string{at("list", n.Pos, 0)}
		for _, item := range n.Nodes {
			parts = append(parts, dump(item, text))
		}
		return "(" + strings.Join(parts, " ") + ")"
	case *parse.TextNode:
		return "(" + at("text", n.Pos, 0) + " " + q(string(n.Text)) + ")"
	case *parse.CommentNode:
		return "(" + at("comment", n.Pos, 0) + " " + q(n.Text) + ")"
	case *parse.ActionNode:
		return "(" + at("action", n.Pos, n.Line) + " " + dump(n.Pipe, text) + ")"
	case *parse.PipeNode:
		mode := "-"
		if len(n.Decl) > 0 {
			mode = ":="
			if n.IsAssign {
				mode = "="
			}
		}
		var decls, cmds []string
		for _, v := range n.Decl {
			decls = append(decls, dump(v, text))
		}
		for _, c := range n.Cmds {
			cmds = append(cmds, dump(c, text))
		}
		return "(" + at("pipe", n.Pos, n.Line) + " " + mode + " (" + strings.Join(decls, " ") + ") " +
			strings.Join(cmds, " ") + ")"
	case *parse.CommandNode:
		parts := []string{at("command", n.Pos, 0)}
		for _, arg := range n.Args {
			parts = append(parts, dump(arg, text))
		}
		return "(" + strings.Join(parts, " ") + ")"
	case *parse.IdentifierNode:
		return "(" + at("identifier", n.Pos, 0) + " " + n.Ident + ")"
	case *parse.VariableNode:
		return "(" + at("variable", n.Pos, 0) + " " + strings.Join(n.Ident, "|") + ")"
	case *parse.FieldNode:
		return "(" + at("field", n.Pos, 0) + " " + strings.Join(n.Ident, "|") + ")"
	case *parse.ChainNode:
		return "(" + at("chain", n.Pos, 0) + " " + dump(n.Node, text) + " " + strings.Join(n.Field, "|") + ")"
	case *parse.DotNode:
		return at("dot", n.Pos, 0)
	case *parse.NilNode:
		return at("nil", n.Pos, 0)
	case *parse.BoolNode:
		return "(" + at("bool", n.Pos, 0) + " " + strconv.FormatBool(n.True) + ")"
	case *parse.NumberNode:
		flags := ""
		for _, f := range []struct {
			set  bool
			name string
		}{{n.IsInt, "I"}, {n.IsUint, "U"}, {n.IsFloat, "F"}, {n.IsComplex, "C"}} {
			if f.set {
				flags += f.name
			}
		}
		return fmt.Sprintf("(%s %s %s int=%d uint=%d float=%016x complex=%016x,%016x)", at("number", n.Pos, 0),
			n.Text, flags, n.Int64, n.Uint64, math.Float64bits(n.Float64),
			math.Float64bits(real(n.Complex128)), math.Float64bits(imag(n.Complex128)))
	case *parse.StringNode:
		return "(" + at("string", n.Pos, 0) + " " + n.Quoted + " " + q(n.Text) + ")"
	case *parse.IfNode:
		return "(" + at("if", n.Pos, n.Line) + " " + dump(n.Pipe, text) + " " + list(n.List) + " " + list(n.ElseList) + ")"
	case *parse.RangeNode:
		return "(" + at("range", n.Pos, n.Line) + " " + dump(n.Pipe, text) + " " + list(n.List) + " " + list(n.ElseList) + ")"
	case *parse.WithNode:
		return "(" + at("with", n.Pos, n.Line) + " " + dump(n.Pipe, text) + " " + list(n.List) + " " + list(n.ElseList) + ")"
	case *parse.TemplateNode:
		return "(" + at("template", n.Pos, n.Line) + " " + q(n.Name) + " " + pipe(n.Pipe) + ")"
	case *parse.BreakNode:
		return at("break", n.Pos, n.Line)
	case *parse.ContinueNode:
		return at("continue", n.Pos, n.Line)
	}
	return fmt.Sprintf("(unknown %T)", n)
}

// quotedString is Go's String() of a tree with text quoted, as parse_test.go prints trees.
func quotedString(n parse.Node) string {
	switch n := n.(type) {
	case *parse.ListNode:
		var sb strings.Builder
		for _, item := range n.Nodes {
			sb.WriteString(quotedString(item))
		}
		return sb.String()
	case *parse.TextNode:
		return q(string(n.Text))
	case *parse.IfNode:
		return branch("if", &n.BranchNode)
	case *parse.RangeNode:
		return branch("range", &n.BranchNode)
	case *parse.WithNode:
		return branch("with", &n.BranchNode)
	}
	return n.String()
}

func branch(name string, b *parse.BranchNode) string {
	s := "{{" + name + " " + b.Pipe.String() + "}}" + quotedString(b.List)
	if b.ElseList != nil {
		s += "{{else}}" + quotedString(b.ElseList)
	}
	return s + "{{end}}"
}

func expectations(c *testCase) []string {
	funcs := map[string]any{}
	for _, f := range c.funcs {
		funcs[f] = fmt.Sprintf
	}
	t := parse.New(c.name)
	for _, flag := range c.flags {
		switch flag {
		case "comments":
			t.Mode |= parse.ParseComments
		case "skipfuncs":
			t.Mode |= parse.SkipFuncCheck
		}
	}
	trees := map[string]*parse.Tree{}
	if _, err := t.Parse(c.input, c.left, c.right, trees, funcs); err != nil {
		return []string{"error: " + q(err.Error())}
	}
	var names []string
	for name := range trees {
		names = append(names, name)
	}
	sort.Strings(names)
	var out []string
	for _, name := range names {
		out = append(out, "tree "+q(name)+": "+q(quotedString(trees[name].Root)))
	}
	for _, name := range names {
		out = append(out, "nodes "+q(name)+": "+q(dump(trees[name].Root, c.input)))
	}
	return out
}

func main() {
	check := len(os.Args) > 2 && os.Args[1] == "--check"
	path := os.Args[len(os.Args)-1]
	cases, header, err := readCases(path)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	var out []string
	out = append(out, header...)
	out = append(out, "")
	failed := 0
	for _, c := range cases {
		want := expectations(c)
		if check && strings.Join(want, "\n") != strings.Join(c.expect, "\n") {
			failed++
			fmt.Printf("case %q differs from Go:\n  recorded: %s\n  go:       %s\n", c.name,
				strings.Join(c.expect, "\n            "), strings.Join(want, "\n            "))
		}
		out = append(out, c.preamble...)
		out = append(out, c.inputs...)
		out = append(out, want...)
		out = append(out, "")
	}
	if check {
		fmt.Printf("%d cases, %d differ from Go %s\n", len(cases), failed, runtime.Version())
		if failed > 0 || len(cases) == 0 {
			os.Exit(1)
		}
		return
	}
	for len(out) > 0 && out[len(out)-1] == "" {
		out = out[:len(out)-1]
	}
	if err := os.WriteFile(path, []byte(strings.Join(out, "\n")+"\n"), 0o644); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
}
