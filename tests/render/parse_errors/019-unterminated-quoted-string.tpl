tag: {{ .Values.image.tag | default "latest }}
