a: {{ .Values.x }
}}
