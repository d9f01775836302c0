local function double(n) return n * 2 end
return {double = double, label = function(name, n) return name .. "-" .. double(n) end}
