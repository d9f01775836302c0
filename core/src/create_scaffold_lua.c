/* create_scaffold_lua.c: `celm create --lua`: helm's scaffold with its workload templates in Lua. */
#include "create_scaffold.h"

#define N CELM_SCAFFOLD_NAME

const celm_scaffold_file celm_scaffold_lua_files[] = {
    {"templates/deployment.lua",
        "-- The chart's Deployment, as helm create's deployment.yaml writes it (see docs/lua.md).\n"
        "local container = {\n"
        "  name = Chart.Name,\n"
        "  image = Values.image.repository .. \":\" .. (Values.image.tag ~= \"\" and Values.image.tag or Chart.AppVersion),\n"
        "  imagePullPolicy = Values.image.pullPolicy,\n"
        "  securityContext = #Values.securityContext > 0 and Values.securityContext or nil,\n"
        "  ports = {{name = \"http\", containerPort = Values.service.port, protocol = \"TCP\"}},\n"
        "  livenessProbe = Values.livenessProbe,\n"
        "  readinessProbe = Values.readinessProbe,\n"
        "  resources = #Values.resources > 0 and Values.resources or nil,\n"
        "  volumeMounts = #Values.volumeMounts > 0 and Values.volumeMounts or nil,\n"
        "}\n"
        "local labels = yaml.decode(include(\"" N ".labels\"))\n"
        "for key, value in pairs(Values.podLabels) do labels[key] = value end\n"
        "local pod = {\n"
        "  imagePullSecrets = #Values.imagePullSecrets > 0 and Values.imagePullSecrets or nil,\n"
        "  serviceAccountName = include(\"" N ".serviceAccountName\"),\n"
        "  securityContext = #Values.podSecurityContext > 0 and Values.podSecurityContext or nil,\n"
        "  containers = {container},\n"
        "  volumes = #Values.volumes > 0 and Values.volumes or nil,\n"
        "  nodeSelector = #Values.nodeSelector > 0 and Values.nodeSelector or nil,\n"
        "  affinity = #Values.affinity > 0 and Values.affinity or nil,\n"
        "  tolerations = #Values.tolerations > 0 and Values.tolerations or nil,\n"
        "}\n"
        "return {\n"
        "  apiVersion = \"apps/v1\",\n"
        "  kind = \"Deployment\",\n"
        "  metadata = {name = include(\"" N ".fullname\"), labels = yaml.decode(include(\"" N ".labels\"))},\n"
        "  spec = {\n"
        "    replicas = not Values.autoscaling.enabled and Values.replicaCount or nil,\n"
        "    selector = {matchLabels = yaml.decode(include(\"" N ".selectorLabels\"))},\n"
        "    template = {\n"
        "      metadata = {annotations = #Values.podAnnotations > 0 and Values.podAnnotations or nil, labels = labels},\n"
        "      spec = pod,\n"
        "    },\n"
        "  },\n"
        "}\n"},
    {"templates/service.lua",
        "-- The chart's Service, as helm create's service.yaml writes it.\n"
        "return {\n"
        "  apiVersion = \"v1\",\n"
        "  kind = \"Service\",\n"
        "  metadata = {name = include(\"" N ".fullname\"), labels = yaml.decode(include(\"" N ".labels\"))},\n"
        "  spec = {\n"
        "    type = Values.service.type,\n"
        "    ports = {{port = Values.service.port, targetPort = \"http\", protocol = \"TCP\", name = \"http\"}},\n"
        "    selector = yaml.decode(include(\"" N ".selectorLabels\")),\n"
        "  },\n"
        "}\n"},
    {"templates/serviceaccount.lua",
        "-- The chart's ServiceAccount, when values ask for one.\n"
        "if not Values.serviceAccount.create then return nil end\n"
        "return {\n"
        "  apiVersion = \"v1\",\n"
        "  kind = \"ServiceAccount\",\n"
        "  metadata = {\n"
        "    name = include(\"" N ".serviceAccountName\"),\n"
        "    labels = yaml.decode(include(\"" N ".labels\")),\n"
        "    annotations = #Values.serviceAccount.annotations > 0 and Values.serviceAccount.annotations or nil,\n"
        "  },\n"
        "  automountServiceAccountToken = Values.serviceAccount.automount,\n"
        "}\n"},
};

const size_t celm_scaffold_lua_file_count = sizeof celm_scaffold_lua_files / sizeof celm_scaffold_lua_files[0];
