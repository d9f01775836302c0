a: {{ .Values.x

