a: {{ .Values.x | quote | 3 }}
