a: {{ .Values.x

b: 1
