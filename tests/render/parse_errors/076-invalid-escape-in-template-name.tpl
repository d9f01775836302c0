{{ template "x\q" }}
