{{ $x := .Values }}{{ with $x.y := 1 }}{{ end }}
