{{ if .Values.a }}a{{ else }}b{{ else }}c{{ end }}
