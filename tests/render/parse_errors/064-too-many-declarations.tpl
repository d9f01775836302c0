{{ $a, $b := .Values.x }}
