{{ define "x" . }}{{ end }}
