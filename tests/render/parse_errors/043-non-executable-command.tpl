a: {{ .Values.x | "s" }}
