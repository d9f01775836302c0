a: {{ nil.x }}
