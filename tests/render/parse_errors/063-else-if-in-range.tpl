{{ range .Values.a }}a{{ else if .Values.b }}b{{ end }}
