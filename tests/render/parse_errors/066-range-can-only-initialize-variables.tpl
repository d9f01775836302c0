{{ range $k, 123 := .Values.x }}{{ end }}
