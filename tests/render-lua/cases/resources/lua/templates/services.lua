local services = {}
for name, port in pairs(Values.ports) do
  services[#services + 1] = {apiVersion = "v1", kind = "Service", metadata = {name = name},
                             spec = {ports = {{port = port, name = name}}}}
end
return services
