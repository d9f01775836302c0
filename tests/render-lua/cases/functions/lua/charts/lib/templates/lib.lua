return {apiVersion = "v1", kind = "ConfigMap", metadata = {name = "lib-" .. Chart.Name},
        data = {size = tostring(Values.size), parent = Release.Name}}
