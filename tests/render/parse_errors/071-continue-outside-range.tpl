{{ range .Values.a }}{{ end }}{{ continue }}
