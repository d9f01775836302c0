{{ block "b" . }}a{{ else }}b{{ end }}
