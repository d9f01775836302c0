#!/usr/bin/env bash
# values_url_matches_helm.sh: `-f URL` and `--set-file key=URL` read values over http as helm v4.2.4 does
# (template, install, upgrade, lint): the same output, and the same errors for answers other than 200 and
# for servers that do not answer.
source "$(dirname "$0")/peer_lib.sh"

# A loopback server: files from $scratch/www, /status/N answers N, /moved redirects to /x.yaml.
mkdir -p "$scratch/www"
cat >"$scratch/server.py" <<'PYTHON'
import http.server, sys
class Handler(http.server.SimpleHTTPRequestHandler):
    def do_GET(self):
        if self.path.startswith("/status/"):
            self.send_error(int(self.path.split("/")[2]))
        elif self.path == "/moved":
            self.send_response(302)
            self.send_header("Location", "/x.yaml")
            self.end_headers()
        else:
            super().do_GET()
    def log_message(self, *args):
        pass
server = http.server.HTTPServer(("127.0.0.1", 0), lambda *a: Handler(*a, directory=sys.argv[1]))
print(server.server_address[1], flush=True)
server.serve_forever()
PYTHON
coproc server { exec python3 "$scratch/server.py" "$scratch/www"; }
server_pid=$server_PID
trap 'kill "$server_pid"; rm -rf "$scratch"' EXIT
read -r port <&"${server[0]}"
url=http://127.0.0.1:$port
closed_port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')

"$helm" create "$scratch/demo" >/dev/null
printf 'replicaCount: 7\nimage:\n  tag: from-url\n' >"$scratch/www/x.yaml"
printf 'image:\n  repository: local/repo\n  tag: from-file\n' >"$scratch/local.yaml"
printf 'service: [unclosed\n' >"$scratch/www/broken.yaml"
: >"$scratch/www/empty.yaml"
printf 'raw text from a URL\n' >"$scratch/www/note.txt"

# compare ARGS...: helm and celm with the same arguments: exit status, stdout and stderr.
compare() {
    local hs=0 cs=0
    "$helm" "$@" >"$scratch/h.out" 2>"$scratch/h.err" || hs=$?
    "$celm" "$@" >"$scratch/c.out" 2>"$scratch/c.err" || cs=$?
    sed -i '/^LAST DEPLOYED:/d' "$scratch/h.out" "$scratch/c.out"
    if [ "$hs" = "$cs" ] && cmp -s "$scratch/h.out" "$scratch/c.out" && cmp -s "$scratch/h.err" "$scratch/c.err"; then
        passed=$((passed + 1))
    else
        failed=$((failed + 1))
        echo "DIFFERS: $* (exit $hs vs $cs)"
        diff "$scratch/h.out" "$scratch/c.out" | head -5 || true
        diff "$scratch/h.err" "$scratch/c.err" || true
    fi
}

compare template r "$scratch/demo" -f "$url/x.yaml"
compare template r "$scratch/demo" -f "$scratch/local.yaml" -f "$url/x.yaml?version=2"
compare template r "$scratch/demo" --values "$url/x.yaml,$scratch/local.yaml"
compare template r "$scratch/demo" -f "$url/moved"
compare template r "$scratch/demo" -f "$url/empty.yaml"
compare template r "$scratch/demo" --set-file "podAnnotations.note=$url/note.txt"
compare install r "$scratch/demo" --dry-run=client -f "$url/x.yaml"
compare template r "$scratch/demo" -f "$url/missing.yaml"
compare template r "$scratch/demo" -f "$url/status/500"
compare template r "$scratch/demo" -f "$url/status/403"
compare template r "$scratch/demo" -f "$url/broken.yaml"
compare template r "$scratch/demo" -f "http://127.0.0.1:$closed_port/x.yaml"
compare template r "$scratch/demo" -f "HTTP://me:secret@127.0.0.1:$closed_port/x.yaml"
compare template r "$scratch/demo" -f "https://127.0.0.1:$port/x.yaml"
compare install r "$scratch/demo" --dry-run=client -f "$url/missing.yaml"
compare lint "$scratch/demo" -f "$url/x.yaml"
compare lint "$scratch/demo" -f "$url/missing.yaml"
compare upgrade r "$scratch/demo" --dry-run=client -f "$url/status/404"
compare upgrade r "$scratch/demo" -f "http://127.0.0.1:$closed_port/x.yaml"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
