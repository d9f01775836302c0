name: {{ .Release.Name-suffix }}
