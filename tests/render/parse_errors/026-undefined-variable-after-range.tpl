{{- range $i, $v := .Values.list }}
- {{ $v }}
{{- end }}
last: {{ $i }}
