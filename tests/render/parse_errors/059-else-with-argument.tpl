{{ if .Values.a }}a{{ else .Values.b }}b{{ end }}
