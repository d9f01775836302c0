a: {{ printf "%s" (.Values.x }}
