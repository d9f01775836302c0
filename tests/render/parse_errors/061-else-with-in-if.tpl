{{ if .Values.a }}a{{ else with .Values.b }}b{{ end }}
