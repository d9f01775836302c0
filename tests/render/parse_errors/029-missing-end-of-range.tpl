items:
{{- range $k, $v := .Values.m }}
  {{ $k }}: {{ $v }}
