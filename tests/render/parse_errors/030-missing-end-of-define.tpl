{{- define "x" }}
hello
