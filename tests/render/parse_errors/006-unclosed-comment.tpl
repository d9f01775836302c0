a: 1
{{/* a comment
b: 2
