{{ if .Values.a }}a{{ else if .Values.b }}b{{ end }}{{ end }}
