{{/*
line 2
line 3
*/}}
a: 1
b: {{ foo }}
