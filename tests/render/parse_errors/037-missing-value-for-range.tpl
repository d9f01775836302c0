{{ range }}x{{ end }}
