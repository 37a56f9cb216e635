// The image catalog (data, not code): what the simulated registry holds and what each image
// does once started. Format (one directive a line; `#` comments; an `image` line opens a block):
//
//   image REPO                 repository as written in pods (`nginx`, `registry.k8s.io/hpa-example`)
//   tags T1 T2 …               tags that exist (pulling any other tag fails with `not found`)
//   size BYTES                 compressed size the kubelet reports in `Pulled`
//   pull SECONDS               pull time on an empty node
//   start SECONDS              time from `Started` until the ports answer
//   memory MiB / cpu MILLI     what the process uses once up (OOMKilled under a smaller limit)
//   request-cpu MILLI          CPU per request per second, in millicores (default 0.5): what
//                              load costs the pods that serve it (metrics, `top`, the HPA)
//   request-memory KIB         memory per request per second, in KiB (default 16)
//   port N                     TCP port it listens on
//   http PORT PATH STATUS BODY a path that answers (other paths on an http port answer 404;
//                              `*` answers every path); `\n` is a newline, `{version}` the
//                              image's version, `{arg:-text|x}` the value of `-text=` (or x)
//   notfound BODY              the body of that 404
//   sh dash|ash|bash|none      the shell `kubectl exec` finds (default dash, Debian's)
//   bin NAME …                 network tools on its PATH (wget, curl, nslookup)
//   listen-arg FLAG            a flag that moves its port (`-listen=:8080`)
//   log TEXT                   a line it prints at start-up ({ip} is the pod IP)
//   requires A|B|C             one of these variables must be set, otherwise:
//   missing-log TEXT           …it prints these lines…
//   missing-exit CODE          …and exits with this code, one second after starting
//   exit CODE                  without a command it exits at once (busybox's `sh` with no tty)
//   shell                      `command`/`args` run through the simulated busybox shell
//   stop SECONDS|ignore        time to exit on SIGTERM (`ignore`: only SIGKILL stops it)
//
// Sizes and logs were taken from the images on Docker Hub and registry.k8s.io (amd64).
// Instructors add images with the same format in `<estado>/imagenes.txt`.
enum CatalogData {
    static let text = #"""
image nginx
request-cpu 0.2
tags 1.29 1.29.1 1.28 1.28.0 1.27 1.27.3 1.27.4 1.26 1.26.3 1.25 1.25.5 1.24 alpine 1.27-alpine 1.28-alpine stable latest
size 72195292
pull 1.2
start 0.5
memory 8
cpu 1
port 80
http 80 / 200 <!DOCTYPE html>\n<html>\n<head>\n<title>Welcome to nginx!</title>\n<style>\nhtml { color-scheme: light dark; }\nbody { width: 35em; margin: 0 auto;\nfont-family: Tahoma, Verdana, Arial, sans-serif; }\n</style>\n</head>\n<body>\n<h1>Welcome to nginx!</h1>\n<p>If you see this page, the nginx web server is successfully installed and\nworking. Further configuration is required.</p>\n\n<p>For online documentation and support please refer to\n<a href="http://nginx.org/">nginx.org</a>.<br/>\nCommercial support is available at\n<a href="http://nginx.com/">nginx.com</a>.</p>\n\n<p><em>Thank you for using nginx.</em></p>\n</body>\n</html>\n
http 80 /index.html 200 <!DOCTYPE html>\n<html>\n<head>\n<title>Welcome to nginx!</title>\n<style>\nhtml { color-scheme: light dark; }\nbody { width: 35em; margin: 0 auto;\nfont-family: Tahoma, Verdana, Arial, sans-serif; }\n</style>\n</head>\n<body>\n<h1>Welcome to nginx!</h1>\n<p>If you see this page, the nginx web server is successfully installed and\nworking. Further configuration is required.</p>\n\n<p>For online documentation and support please refer to\n<a href="http://nginx.org/">nginx.org</a>.<br/>\nCommercial support is available at\n<a href="http://nginx.com/">nginx.com</a>.</p>\n\n<p><em>Thank you for using nginx.</em></p>\n</body>\n</html>\n
notfound <html>\n<head><title>404 Not Found</title></head>\n<body>\n<center><h1>404 Not Found</h1></center>\n<hr><center>nginx/{version}</center>\n</body>\n</html>\n
bin curl
log /docker-entrypoint.sh: /docker-entrypoint.d/ is not empty, will attempt to perform configuration
log /docker-entrypoint.sh: Configuration complete; ready for start up
stop 0.2

image httpd
tags 2.4 2.4.62 2.4.63 alpine latest
size 58163262
pull 1.1
start 0.5
memory 10
port 80
http 80 / 200 <html><body><h1>It works!</h1></body></html>\n
log AH00558: httpd: Could not reliably determine the server's fully qualified domain name, using {ip}. Set the 'ServerName' directive globally to suppress this message
stop 0.2

image busybox
sh ash
bin wget nslookup
tags 1.28 1.28.4 1.35 1.36 1.36.1 1.37 1.37.0 stable latest
size 2156632
pull 0.6
memory 1
exit 0
shell
stop ignore

image alpine
sh ash
bin wget nslookup
tags 3.19 3.20 3.21 3.21.3 latest
size 3642101
pull 0.6
memory 1
exit 0
shell
stop ignore

image postgres
tags 15 16 16.6 17 17.2 17.4 alpine latest
size 158594736
pull 3.1
start 3
memory 40
port 5432
requires POSTGRES_PASSWORD|POSTGRES_HOST_AUTH_METHOD
missing-log Error: Database is uninitialized and superuser password is not specified.
missing-log        You must specify POSTGRES_PASSWORD to a non-empty value for the
missing-log        superuser. For example, "-e POSTGRES_PASSWORD=password" on "docker run".
missing-log 
missing-log        You may also use "POSTGRES_HOST_AUTH_METHOD=trust" to allow all
missing-log        connections without a password. This is *not* recommended.
missing-exit 1
log PostgreSQL init process complete; ready for start up.
log LOG:  database system is ready to accept connections
stop 0.5

image mysql
sh bash
tags 8.0 8.0.41 8.4 8.4.4 9.2 lts latest
size 172848352
pull 3.4
start 8
memory 360
port 3306
requires MYSQL_ROOT_PASSWORD|MYSQL_ALLOW_EMPTY_PASSWORD|MYSQL_RANDOM_ROOT_PASSWORD
missing-log 2025-01-01 00:00:00+00:00 [Note] [Entrypoint]: Entrypoint script for MySQL Server 8.4.4-1.el9 started.
missing-log 2025-01-01 00:00:00+00:00 [ERROR] [Entrypoint]: Database is uninitialized and password option is not specified
missing-log     You need to specify one of the following as an environment variable:
missing-log     - MYSQL_ROOT_PASSWORD
missing-log     - MYSQL_ALLOW_EMPTY_PASSWORD
missing-log     - MYSQL_RANDOM_ROOT_PASSWORD
missing-exit 1
log [Server] /usr/sbin/mysqld: ready for connections. Version: '8.4.4'  socket: '/var/run/mysqld/mysqld.sock'  port: 3306  MySQL Community Server - GPL.
stop 1

image mariadb
tags 10.11 11.4 11.7 lts latest
size 117498042
pull 2.6
start 5
memory 120
port 3306
requires MARIADB_ROOT_PASSWORD|MARIADB_ALLOW_EMPTY_ROOT_PASSWORD|MARIADB_RANDOM_ROOT_PASSWORD|MARIADB_ROOT_PASSWORD_HASH|MYSQL_ROOT_PASSWORD|MYSQL_ALLOW_EMPTY_PASSWORD|MYSQL_RANDOM_ROOT_PASSWORD
missing-log 2025-01-01 00:00:00+00:00 [Note] [Entrypoint]: Entrypoint script for MariaDB Server 1:11.7.2+maria~ubu2404 started.
missing-log 2025-01-01 00:00:00+00:00 [ERROR] [Entrypoint]: Database is uninitialized and password option is not specified
missing-log 	You need to specify one of MARIADB_ROOT_PASSWORD, MARIADB_ROOT_PASSWORD_HASH, MARIADB_ALLOW_EMPTY_ROOT_PASSWORD and MARIADB_RANDOM_ROOT_PASSWORD
missing-exit 1
stop 1

image redis
tags 7.2 7.4 7.4.2 alpine latest
size 45154264
pull 1.0
start 0.2
memory 4
port 6379
log * Ready to accept connections tcp
stop 0.2

image mongo
tags 6.0 7.0 8.0 8.0.4 latest
size 284318816
pull 5.2
start 2
memory 150
port 27017
log {"t":{"$date":"2025-01-01T00:00:00.000+00:00"},"s":"I",  "c":"NETWORK",  "id":23016,   "ctx":"listener","msg":"Waiting for connections","attr":{"port":27017,"ssl":"off"}}
stop 1

image rabbitmq
tags 3.13 4.0 4.0-management management latest
size 99620524
pull 2.2
start 6
memory 120
port 5672
log  completed with 3 plugins.
log  Server startup complete; 3 plugins started.
stop 2

image node
bin curl wget
tags 18 20 22 22.14 23 lts alpine latest
size 398455808
pull 6.1
memory 30
exit 0
stop ignore

image python
bin curl wget
tags 3.11 3.12 3.13 3.13.2 slim alpine latest
size 383451456
pull 5.8
memory 10
exit 0
stop ignore

image golang
bin curl wget
tags 1.22 1.23 1.24 alpine latest
size 286721024
pull 4.9
memory 5
exit 0
stop ignore

image tomcat
tags 9.0 10.1 10.1.36 11.0 latest
size 166313472
pull 3.0
start 4
memory 140
port 8080
http 8080 / 404 <!doctype html><html lang="en"><head><title>HTTP Status 404 – Not Found</title></head></html>
log org.apache.catalina.startup.Catalina.start Server startup in [1234] milliseconds
stop 1

image traefik
sh ash
tags v2.11 v3.2 v3.3 v3.3.4 latest
size 55742464
pull 1.3
start 1
memory 30
port 80
port 8080
http 8080 /ping 200 OK
http 8080 /dashboard/ 200 <!DOCTYPE html><html><head><title>Traefik</title></head></html>
log level=info msg="Configuration loaded from flags."
stop 0.5

image prom/prometheus
sh ash
bin wget
tags v2.55.1 v3.1.0 v3.2.1 latest
size 120307712
pull 2.4
start 2
memory 60
port 9090
http 9090 / 302 <a href="/query">Found</a>.
http 9090 /-/healthy 200 Prometheus Server is Healthy.
http 9090 /-/ready 200 Prometheus Server is Ready.
http 9090 /metrics 200 # HELP go_goroutines Number of goroutines that currently exist.
log msg="Server is ready to receive web requests."
stop 1

image grafana/grafana
sh ash
bin wget
tags 10.4.15 11.4.0 11.5.2 latest
size 149053440
pull 3.0
start 5
memory 80
port 3000
http 3000 /api/health 200 {"database":"ok","version":"11.5.2"}
http 3000 /login 200 <!DOCTYPE html><html lang="en"><head><title>Grafana</title></head></html>
log logger=http.server msg="HTTP Server Listen" address=[::]:3000 protocol=http
stop 1

image tensorflow/serving
tags 2.17.1 2.18.0 latest
size 169431040
pull 3.8
start 3
memory 200
port 8500
port 8501
http 8501 /v1/models 404 {"error": "Malformed request: GET /v1/models"}
log [evhttp_server.cc : 245] NET_LOG: Entering the event loop ...
stop 1

image registry.k8s.io/hpa-example
bin curl
# index.php adds square roots a million times per request: about 10 ms of CPU each, so the
# walkthrough's load generator (about 70 requests/s) needs some 700m, seven pods at 50 %
# of a 200m request (kubernetes.io/docs/tasks/run-application/horizontal-pod-autoscale-walkthrough).
request-cpu 10
request-memory 64
tags latest
size 178623488
pull 3.5
start 0.5
memory 12
port 80
http 80 / 200 OK!
stop 0.2

image k8s.gcr.io/echoserver
tags 1.4 1.10
size 46238528
pull 1.5
start 0.5
memory 6
port 8080
http 8080 / 200 CLIENT VALUES:
stop 0.2

image registry.k8s.io/echoserver
tags 1.4 1.10
size 46238528
pull 1.5
start 0.5
memory 6
port 8080
http 8080 / 200 CLIENT VALUES:
stop 0.2

image hashicorp/http-echo
tags 1.0 1.0.0 0.2.3 latest
size 3433472
pull 0.7
start 0.1
memory 3
port 5678
# It answers every path with its -text (hashicorp/http-echo main.go), on -listen's port.
sh none
listen-arg -listen
http 5678 * 200 {arg:-text|hello-world}\n
log [INFO] server is listening on :5678
stop 0.1

image registry.k8s.io/pause
sh none
tags 3.9 3.10 latest
size 320368
pull 0.4
memory 1
stop 0.1
"""#
}
