a: {{ printf "%s" ( ) }}
