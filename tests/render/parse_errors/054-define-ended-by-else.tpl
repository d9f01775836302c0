{{ define "x" }}a{{ else }}b{{ end }}
