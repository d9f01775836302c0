{{ $x := .Values }}{{ $x.y = 1 }}
