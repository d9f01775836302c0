{{ if .Values.a }}a{{ else if }}b{{ end }}
