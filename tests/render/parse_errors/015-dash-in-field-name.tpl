image: {{ .Values.image.pull-policy }}
