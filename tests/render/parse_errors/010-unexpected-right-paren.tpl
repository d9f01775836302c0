a: {{ .Values.x) }}
