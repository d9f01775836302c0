a: {{ printf
"abc
" }}
