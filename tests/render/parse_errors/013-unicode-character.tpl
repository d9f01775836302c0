a: {{ .Values.x → .Values.y }}
