{{ with }}x{{ end }}
