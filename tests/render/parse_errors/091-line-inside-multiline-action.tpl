a: {{ printf
"%s"

.Values.x
foo }}
