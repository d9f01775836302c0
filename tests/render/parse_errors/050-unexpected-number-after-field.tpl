a: {{ .Values.x.1 }}
