{{ define "x" }}a{{ end }}
{{ define "x" }}b{{ end }}
