{{ range $a, $b, $c := .Values.x }}{{ end }}
