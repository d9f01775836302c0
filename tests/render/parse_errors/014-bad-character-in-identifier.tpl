a: {{ quote# .Values.x }}
