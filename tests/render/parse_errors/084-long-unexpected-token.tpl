a: {{ printf 1"0123456789abcdef" }}
