a: {{ printf = 1 }}
