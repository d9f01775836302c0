a: {{ `raw }}
