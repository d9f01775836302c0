{{- range .Values.extra-env }}
- {{ . }}
{{- end }}
