local labels = yaml.decode(include("demo.labels"))
local files = Files.Glob("files/*.txt")
return {
  apiVersion = "v1",
  kind = "ConfigMap",
  metadata = {name = Release.Name .. "-config", namespace = Release.Namespace, labels = labels},
  data = {
    replicas = tostring(Values.replicas),
    ratio = json.encode(Values.ratio),
    chart = Chart.Name .. "-" .. Chart.Version .. "-" .. Chart.AppVersion,
    kube = Capabilities.KubeVersion.Major .. "." .. Capabilities.KubeVersion.Minor,
    apps = tostring(Capabilities.APIVersions.Has("apps/v1")) .. "," .. tostring(Capabilities.APIVersions:Has("nope/v9")),
    greeting = Files.Get("files/greeting.txt"),
    lines = tostring(#Files.Lines("files/greeting.txt")),
    config = files:AsConfig(),
    secrets = files:AsSecrets(),
    json = json.encode(Values.settings),
    yaml = yaml.encode(Values.settings),
    b64 = base64.encode("celm"),
    sum = sha256("celm"),
    tpl = tpl("{{ .Values.name }}-{{ .Release.Name }}"),
    template = Template.Name,
  },
}
