a: {{ printf "%s" 1, 2 }}
