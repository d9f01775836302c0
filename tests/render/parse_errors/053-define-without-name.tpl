{{ define }}{{ end }}
