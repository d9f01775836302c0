-- Two Services: a headless one that gives each pod a stable DNS name, <pod>.<this service>, and
-- one for reads that balances over every ready pod, primary included.
local fullname = include("mysql-repl.fullname")
local labels = yaml.decode(include("mysql-repl.labels"))
local selector = yaml.decode(include("mysql-repl.selector"))
return {
  {
    apiVersion = "v1", kind = "Service",
    metadata = {name = fullname, labels = labels},
    spec = {clusterIP = "None", ports = {{name = "mysql", port = 3306}}, selector = selector},
  },
  {
    apiVersion = "v1", kind = "Service",
    metadata = {name = fullname .. "-read", labels = labels},
    spec = {ports = {{name = "mysql", port = Values.readService.port, targetPort = "mysql"}}, selector = selector},
  },
}
