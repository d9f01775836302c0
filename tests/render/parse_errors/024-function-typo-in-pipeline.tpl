labels:
  {{- include "x" . | nindentt 4 }}
