{{ range .Values.a }}{{ break 1 }}{{ end }}
