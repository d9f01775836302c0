a: {{ | quote }}
