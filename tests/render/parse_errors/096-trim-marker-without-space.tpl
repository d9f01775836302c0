a: {{-.Values.x }}
