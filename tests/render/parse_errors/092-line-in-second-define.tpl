{{- define "a" }}
ok
{{- end }}
{{- define "b" }}
{{ $nope }}
{{- end }}
