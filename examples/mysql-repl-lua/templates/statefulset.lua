-- The StatefulSet: pod 0 is the primary; every other pod clones the pod before it and replicates.
local fullname = include("mysql-repl.fullname")
local selector = yaml.decode(include("mysql-repl.selector"))
local mysql_image = Values.image.repository .. ":" .. Values.image.tag
local xtrabackup_image = Values.xtrabackup.repository .. ":" .. Values.xtrabackup.tag
local data_mount = {name = "data", mountPath = "/var/lib/mysql", subPath = "mysql"}
local conf_mount = {name = "conf", mountPath = "/etc/mysql/conf.d"}

local function bash(script) return {"bash", "-ec", script} end

-- Picks a server id from the pod's ordinal and the primary or replica settings.
local choose_role = {
  name = "choose-role",
  image = mysql_image,
  command = bash([==[
ordinal=${HOSTNAME##*-}
echo -e "[mysqld]\nserver-id=$((100 + ordinal))" > /mnt/conf.d/server-id.cnf
if [ "$ordinal" = 0 ]; then role=primary; else role=replica; fi
cp "/mnt/choices/$role.cnf" /mnt/conf.d/
]==]),
  volumeMounts = {{name = "conf", mountPath = "/mnt/conf.d"}, {name = "choices", mountPath = "/mnt/choices"}},
}

-- A new replica starts from a copy of the pod before it.
local clone_data = {
  name = "clone-data",
  image = xtrabackup_image,
  command = bash(([==[
[ -d /var/lib/mysql/mysql ] && exit 0
ordinal=${HOSTNAME##*-}
[ "$ordinal" = 0 ] && exit 0
source_host=FULLNAME-$((ordinal - 1)).FULLNAME
ncat --recv-only "$source_host" 3307 | xbstream -x -C /var/lib/mysql
xtrabackup --prepare --target-dir=/var/lib/mysql
]==]):gsub("FULLNAME", fullname)),
  volumeMounts = {data_mount, conf_mount},
}

local mysql = {
  name = "mysql",
  image = mysql_image,
  imagePullPolicy = Values.image.pullPolicy,
  env = {{name = "MYSQL_ALLOW_EMPTY_PASSWORD", value = "1"}},
  ports = {{name = "mysql", containerPort = 3306}},
  resources = Values.resources,
  livenessProbe = {exec = {command = {"mysqladmin", "ping"}}, initialDelaySeconds = 30, periodSeconds = 10,
                   timeoutSeconds = 5},
  readinessProbe = {exec = {command = {"mysql", "-h", "127.0.0.1", "-e", "SELECT 1"}}, initialDelaySeconds = 5,
                    periodSeconds = 2, timeoutSeconds = 1},
  volumeMounts = {data_mount, conf_mount},
}

-- Serves clones to the next pod and points a fresh replica at the primary.
local replication = {
  name = "replication",
  image = xtrabackup_image,
  ports = {{name = "clone", containerPort = 3307}},
  command = bash(([==[
cd /var/lib/mysql
if [ -f xtrabackup_binlog_info ] && [ "${HOSTNAME##*-}" != 0 ]; then
  read -r file position < xtrabackup_binlog_info
  until mysql -h 127.0.0.1 -e "SELECT 1"; do sleep 1; done
  mysql -h 127.0.0.1 -e "CHANGE REPLICATION SOURCE TO SOURCE_HOST='FULLNAME-0.FULLNAME', \
    SOURCE_USER='root', SOURCE_LOG_FILE='$file', SOURCE_LOG_POS=$position; START REPLICA;"
  rm -f xtrabackup_binlog_info
fi
exec ncat --listen --keep-open --send-only --max-conns=1 3307 \
  -c "xtrabackup --backup --slave-info --stream=xbstream --host=127.0.0.1 --user=root"
]==]):gsub("FULLNAME", fullname)),
  volumeMounts = {data_mount, conf_mount},
}

local storage_class = Values.persistence.storageClassName
return {
  apiVersion = "apps/v1",
  kind = "StatefulSet",
  metadata = {name = fullname, labels = yaml.decode(include("mysql-repl.labels"))},
  spec = {
    serviceName = fullname,
    replicas = Values.replicas,
    selector = {matchLabels = selector},
    template = {
      metadata = {
        labels = selector,
        annotations = {["checksum/config"] = sha256(include(Template.BasePath .. "/configmap.yaml"))},
      },
      spec = {
        initContainers = {choose_role, clone_data},
        containers = {mysql, replication},
        volumes = {{name = "conf", emptyDir = {}}, {name = "choices", configMap = {name = fullname}}},
      },
    },
    volumeClaimTemplates = {{
      metadata = {name = "data"},
      spec = {
        accessModes = {"ReadWriteOnce"},
        storageClassName = storage_class ~= "" and storage_class or nil,
        resources = {requests = {storage = Values.persistence.size}},
      },
    }},
  },
}
