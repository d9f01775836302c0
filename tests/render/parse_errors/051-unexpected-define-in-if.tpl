{{ if .Values.a }}{{ define "x" }}{{ end }}{{ end }}
