{{ range .Values.a }}a{{ else }}{{ break }}{{ end }}
