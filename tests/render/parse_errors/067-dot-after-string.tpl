a: {{ "hello".x }}
