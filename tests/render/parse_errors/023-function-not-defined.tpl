name: {{ fullname . }}
