{{ if .Values.a }}a{{ end .Values.a }}
